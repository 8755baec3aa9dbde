import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { ConnectionError } from 'fastify';
import { errorBody } from '../error-body.js';

const ANSWERS: Readonly<Record<string, readonly [number, string, string]>> = {
  HPE_HEADER_OVERFLOW: [431, 'REQUEST.TOO_LARGE', 'the request line and headers are too large'],
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'REQUEST.INVALID', 'the request did not arrive in time'],
};
const MALFORMED = [400, 'REQUEST.INVALID', 'malformed HTTP request'] as const;

/**
 * Fastify's `clientErrorHandler`: the answer to a request Node's parser refused (a malformed request
 * line or header, headers too large, too slow), written to the socket, which is then closed. Unlike
 * Fastify's default it carries the API's error body and `Connection: close`, and no body when the
 * request was a HEAD: a HEAD client reads no body, so one would be taken for the start of the next
 * answer on the connection.
 */
export function clientErrorHandler(err: ConnectionError, socket: Socket): void {
  // A reset connection is gone: nothing to answer.
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, code, message] = ANSWERS[err.code ?? ''] ?? MALFORMED;
  const body = JSON.stringify(errorBody(code, message));
  // The bytes Node's parser had (a Buffer, whatever Fastify's types say): enough to tell a HEAD.
  const raw: unknown = err.rawPacket;
  const head = Buffer.isBuffer(raw) && raw.subarray(0, 5).toString('latin1') === 'HEAD ';
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n` +
        (head ? '' : body),
    );
  }
  socket.destroy(err);
}
