import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson } from './send-json.js';

/** A readiness check waits this long for the database; a probe must answer well within its own timeout. */
const PING_TIMEOUT_MS = 2_000;

/** `GET /healthz`: the process runs and serves HTTP. */
export function healthz(_req: IncomingMessage, res: ServerResponse): void {
  sendJson(res, 200, { status: 'ok' });
}

/**
 * `GET /readyz`: the database answers. Indexes are made before the listener starts, so a process that
 * answers at all has them; what can change later is whether the database is reachable.
 */
export function readyz(ping: () => Promise<void>) {
  return async (_req: IncomingMessage, res: ServerResponse): Promise<void> => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('ping timed out')), PING_TIMEOUT_MS);
    });
    try {
      await Promise.race([ping(), timeout]);
      sendJson(res, 200, { status: 'ready' });
    } catch {
      sendJson(res, 503, {
        status: 'unavailable',
        error: 'STORAGE.UNAVAILABLE',
        message: 'the rates database is unavailable',
      });
    } finally {
      clearTimeout(timer);
    }
  };
}
