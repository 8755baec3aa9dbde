import { Server as NetServer, type Socket } from 'node:net';
import type { Server, ServerResponse } from 'node:http';

/** How long, once draining, a connection may stay open without having sent a request. */
const SILENT_GRACE_MS = 1_000;

/**
 * Closes an HTTP server without losing a request it accepted. Node's own `close()` destroys every
 * connection idle at that instant, including one just accepted whose request is still on the way.
 * Here instead: stop listening; answer every request on open connections, with `Connection: close`;
 * end keep-alive connections between requests; drop only connections that never send a request,
 * after a short grace. Call right after creating the server, before it accepts anything.
 */
export function drainable(server: Server): { close(): Promise<void> } {
  const sockets = new Set<Socket>();
  const busy = new Map<Socket, number>();
  const served = new Set<Socket>();
  const open = new Set<ServerResponse>();
  let draining = false;
  const endIfIdle = (s: Socket) => {
    if (draining && served.has(s) && (busy.get(s) ?? 0) === 0) s.end();
  };
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.once('close', () => (sockets.delete(s), busy.delete(s), served.delete(s)));
  });
  server.on('request', (req, res) => {
    const s = req.socket;
    busy.set(s, (busy.get(s) ?? 0) + 1);
    served.add(s);
    open.add(res);
    if (draining) res.shouldKeepAlive = false;
    res.once('close', () => {
      open.delete(res);
      busy.set(s, (busy.get(s) ?? 1) - 1);
      endIfIdle(s);
    });
  });
  return {
    close: () =>
      new Promise((resolve, reject) => {
        draining = true;
        for (const res of open) if (!res.headersSent) res.shouldKeepAlive = false;
        const silent = setTimeout(() => {
          for (const s of sockets) if (!served.has(s)) s.destroy();
        }, SILENT_GRACE_MS);
        // net's close, not http's: stop accepting, and let open connections finish their requests.
        NetServer.prototype.close.call(server, (e?: Error) => {
          clearTimeout(silent);
          if (e && (e as NodeJS.ErrnoException).code !== 'ERR_SERVER_NOT_RUNNING') reject(e);
          else resolve();
        });
        for (const s of served) endIfIdle(s);
      }),
  };
}
