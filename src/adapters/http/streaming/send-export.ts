import { once } from 'node:events';
import type { ServerResponse } from 'node:http';
import type { ExportAnswer } from './range-export.js';

/**
 * Writes an export answer to a Node response, honouring back-pressure so that a slow client holds the
 * reading back instead of filling memory. If the body fails mid-stream the connection is destroyed
 * without the terminating chunk, so the client sees a truncated (incomplete) response; if the client
 * goes away, reading stops and the database cursor is released.
 */
export async function sendExport(res: ServerResponse, answer: ExportAnswer): Promise<void> {
  res.writeHead(answer.status, answer.headers);
  if (typeof answer.body === 'string') return void res.end(answer.body);
  const body = answer.body[Symbol.asyncIterator]();
  const gone = new AbortController();
  res.once('close', () => gone.abort());
  try {
    for (let next = await body.next(); !next.done; next = await body.next()) {
      if (res.destroyed) break;
      if (!res.write(next.value)) {
        await once(res, 'drain', { signal: gone.signal }).catch(() => undefined);
      }
    }
    if (!res.destroyed) res.end();
  } catch {
    // Already logged where it failed. Close the connection once what was written is flushed (the error
    // line included) but without the terminating chunk, so that the answer is visibly incomplete.
    if (res.socket) res.socket.destroySoon();
    else res.destroy();
  } finally {
    await body.return?.(undefined);
  }
}
