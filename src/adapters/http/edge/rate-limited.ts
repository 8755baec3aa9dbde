import type { ServerResponse } from 'node:http';
import { sendJson } from './send-json.js';

const MESSAGE = 'too many requests; retry after the time in Retry-After';

/**
 * The 429 answer, shaped like the transport's other errors: the REST body (`error` is the stable
 * code), or a tRPC error envelope under /trpc so that typed clients can read it.
 */
export function sendRateLimited(res: ServerResponse, retryAfterSeconds: number, trpc: boolean): void {
  const data = { code: 'TOO_MANY_REQUESTS', httpStatus: 429, error: 'RATE_LIMITED' };
  const body = trpc
    ? { error: { message: MESSAGE, code: -32029, data } }
    : { message: MESSAGE, code: 'TOO_MANY_REQUESTS', data, error: 'RATE_LIMITED' };
  sendJson(res, 429, body, { 'retry-after': String(retryAfterSeconds) });
}
