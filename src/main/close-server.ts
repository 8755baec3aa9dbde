import { Server as NetServer, type Socket } from 'node:net';
import type { Server, ServerResponse } from 'node:http';

/** How long, once draining, a connection may stay open without having sent a request. */
const SILENT_GRACE_MS = 1_000;

/** What the drain knows of a connection: kept on the socket itself, so a request costs no lookup. */
interface Connection {
  readonly socket: Socket;
  /** Requests answered or still being answered on it: 0 while it waits for its first. */
  served: number;
  /** Of those, the ones whose response has not closed yet. */
  busy: number;
}

const CONNECTION = Symbol('drain connection');
type Tracked<T> = T & { [CONNECTION]?: Connection };

/**
 * Closes an HTTP server without losing a request it accepted. Node's own `close()` destroys every
 * connection idle at that instant, including one just accepted whose request is still on the way.
 * Here instead: stop listening; answer every request on open connections, with `Connection: close`;
 * end keep-alive connections between requests; drop only connections that never send a request,
 * after a short grace. Call right after creating the server, before it accepts anything.
 *
 * Every request passes through here, cached answers included (some 20 µs each): the bookkeeping per
 * request is two counters on the connection's record, one set entry and one shared listener, with
 * no closure or map lookup made per request.
 */
export function drainable(server: Server): { close(): Promise<void> } {
  const connections = new Set<Connection>();
  const open = new Set<ServerResponse>();
  let draining = false;
  const endIfIdle = (c: Connection) => {
    if (draining && c.served > 0 && c.busy === 0) c.socket.end();
  };
  function closed(this: Tracked<ServerResponse>) {
    open.delete(this);
    const c = this[CONNECTION];
    if (!c) return;
    c.busy--;
    endIfIdle(c);
  }
  server.on('connection', (socket: Tracked<Socket>) => {
    const c: Connection = { socket, served: 0, busy: 0 };
    socket[CONNECTION] = c;
    connections.add(c);
    socket.once('close', () => connections.delete(c));
  });
  // Before the server's own handler: a request that arrives while draining is answered with `Connection: close`
  // even when the handler answers it at once.
  server.prependListener('request', (req, res: Tracked<ServerResponse>) => {
    const c = (req.socket as Tracked<Socket>)[CONNECTION];
    if (c) {
      c.served++;
      c.busy++;
      res[CONNECTION] = c;
    }
    open.add(res);
    if (draining) res.shouldKeepAlive = false;
    res.once('close', closed);
  });
  return {
    close: () =>
      new Promise((resolve, reject) => {
        draining = true;
        for (const res of open) if (!res.headersSent) res.shouldKeepAlive = false;
        const silent = setTimeout(() => {
          for (const c of connections) if (c.served === 0) c.socket.destroy();
        }, SILENT_GRACE_MS);
        // net's close, not http's: stop accepting, and let open connections finish their requests.
        NetServer.prototype.close.call(server, (e?: Error) => {
          clearTimeout(silent);
          if (e && (e as NodeJS.ErrnoException).code !== 'ERR_SERVER_NOT_RUNNING') reject(e);
          else resolve();
        });
        for (const c of connections) endIfIdle(c);
      }),
  };
}
