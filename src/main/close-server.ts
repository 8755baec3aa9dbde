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
  /** The last request's response while it is open: the one closing tells to end the connection. */
  latest: ServerResponse | undefined;
  /** Its place in the list of open connections; -1 once closed. */
  at: number;
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
 * request is two counters and a reference on the connection's record and one shared listener, with
 * no closure, map lookup or set entry made per request. No Set either of open responses or of open
 * connections: a Set that gains and loses an entry per request (or per connection, for clients that
 * do not keep connections alive) gets a new table every few dozen of them, and V8 leaves the replaced
 * table holding its entries until a full GC. Once the set's table is in the old generation (the first
 * full GC under load puts it there), V8 makes each new table there too, and every response a replaced
 * table held outlives the young generation with all it refers to. Measured on the built service under
 * wrk, with a set of open responses, from the first full GC on: young-generation survivors went from
 * about 65 kB to 1.9 MB per scavenge, for good, and a cached answer cost 15-20% more (README,
 * Performance). Open connections are an array instead, each knowing its index, emptied by swapping.
 */
export function drainable(server: Server): { close(): Promise<void> } {
  const connections: Connection[] = [];
  const forget = (c: Connection) => {
    if (c.at < 0) return;
    const last = connections.pop()!;
    if (last !== c) {
      connections[c.at] = last;
      last.at = c.at;
    }
    c.at = -1;
  };
  let draining = false;
  const endIfIdle = (c: Connection) => {
    if (draining && c.served > 0 && c.busy === 0) c.socket.end();
  };
  function closed(this: Tracked<ServerResponse>) {
    const c = this[CONNECTION];
    // Once per response, whatever emits `close` again.
    if (!c) return;
    this[CONNECTION] = undefined;
    c.busy--;
    if (c.latest === this) c.latest = undefined;
    endIfIdle(c);
  }
  server.on('connection', (socket: Tracked<Socket>) => {
    const c: Connection = { socket, served: 0, busy: 0, latest: undefined, at: connections.length };
    socket[CONNECTION] = c;
    connections.push(c);
    socket.once('close', () => forget(c));
  });
  // Before the server's own handler: a request that arrives while draining is answered with `Connection: close`
  // even when the handler answers it at once.
  server.prependListener('request', (req, res: Tracked<ServerResponse>) => {
    const c = (req.socket as Tracked<Socket>)[CONNECTION];
    if (draining) res.shouldKeepAlive = false;
    // Every connection is recorded when accepted (see above); the guard is for a server misused.
    if (!c) return;
    c.served++;
    c.busy++;
    c.latest = res;
    res[CONNECTION] = c;
    res.on('close', closed);
  });
  return {
    close: () =>
      new Promise((resolve, reject) => {
        draining = true;
        // The last request of each connection says `Connection: close` if its headers are still to be
        // written; earlier pipelined ones keep the connection, so that none of them is cut off.
        for (const c of connections) if (c.latest && !c.latest.headersSent) c.latest.shouldKeepAlive = false;
        const silent = setTimeout(() => {
          for (const c of [...connections]) if (c.served === 0) c.socket.destroy();
        }, SILENT_GRACE_MS);
        // net's close, not http's: stop accepting, and let open connections finish their requests.
        NetServer.prototype.close.call(server, (e?: Error) => {
          clearTimeout(silent);
          if (e && (e as NodeJS.ErrnoException).code !== 'ERR_SERVER_NOT_RUNNING') reject(e);
          else resolve();
        });
        for (const c of [...connections]) endIfIdle(c);
      }),
  };
}
