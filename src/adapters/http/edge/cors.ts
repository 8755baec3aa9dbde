import cors from '@fastify/cors';
import type { FastifyInstance } from 'fastify';
import type { HttpOptions } from '../http-options.js';

/** Routes that change or reveal the service's operation: cross-origin only for listed origins, never `*`. */
const ADMIN = /^\/(ingest|trpc\/ingest\.)/;

/**
 * CORS by @fastify/cors: the read routes for CORS_ORIGINS (default `*`, as public rate APIs do), the
 * admin routes for the listed origins only. Preflights name the methods and headers callers use, and
 * answers expose ETag, Retry-After and the provenance headers (Last-Modified, X-Rates-*), which a browser
 * client may log to tell later what it was given.
 */
export function installCors(app: FastifyInstance, opts: HttpOptions): void {
  const listed = opts.corsOrigins === '*' ? [] : [...opts.corsOrigins];
  const common = {
    methods: ['GET', 'HEAD', 'POST'],
    allowedHeaders: ['Authorization', 'X-API-Key', 'If-None-Match', 'If-Modified-Since', 'Content-Type'],
    exposedHeaders: ['ETag', 'Retry-After', 'Last-Modified', 'X-Rates-Provider', 'X-Rates-Revision', 'X-Rates-As-Of'],
    maxAge: 600,
    strictPreflight: false,
  };
  // Made once: the delegator runs on every request.
  const read = { ...common, origin: opts.corsOrigins === '*' ? '*' : listed };
  const admin = { ...common, origin: listed };
  void app.register(cors, {
    hook: 'onRequest',
    delegator: (req, callback) => callback(null, ADMIN.test(req.url ?? '') ? admin : read),
  });
}
