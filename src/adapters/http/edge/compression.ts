import compress from '@fastify/compress';
import type { FastifyInstance } from 'fastify';

/** Bodies smaller than this go as they are: compressing them saves less than it costs. */
export const COMPRESS_THRESHOLD_BYTES = 1024;
/** What the edge offers, best first; the edge cache keeps one variant of each. */
export const ENCODINGS = ['br', 'gzip'] as const;

/** gzip and brotli by Accept-Encoding (@fastify/compress), with Vary: Accept-Encoding. */
export function installCompression(app: FastifyInstance): void {
  void app.register(compress, {
    global: true,
    threshold: COMPRESS_THRESHOLD_BYTES,
    encodings: [...ENCODINGS],
  });
}
