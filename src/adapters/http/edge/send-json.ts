import type { ServerResponse } from 'node:http';

/** A JSON answer that no cache keeps. */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers });
  res.end(JSON.stringify(body));
}

/** A 400 the edge gives before any procedure runs, in the body every error has. */
export function sendBadRequest(res: ServerResponse, message: string): void {
  sendJson(res, 400, { message, code: 'BAD_REQUEST', error: 'REQUEST.INVALID' });
}
