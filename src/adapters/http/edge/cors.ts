import cors from '@fastify/cors';
import type { FastifyInstance } from 'fastify';
import type { HttpOptions } from '../http-options.js';

/** Routes that change or reveal the service's operation: cross-origin only for listed origins, never `*`. */
const ADMIN = /^\/(ingest|trpc\/ingest\.)/;

const EXPOSED = ['ETag', 'Retry-After', 'Last-Modified', 'X-Rates-Provider', 'X-Rates-Revision', 'X-Rates-As-Of'];

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
    exposedHeaders: EXPOSED,
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

/**
 * What the plugin above adds to a read route's answer for a request without `Origin` (no browser
 * asked cross-origin): its options are per request (a delegator), so it always adds `Vary: Origin`; it
 * always exposes the headers; it allows `*` only when configured so. The edge cache's front sends
 * these on the hits it answers before Fastify; a test compares them with the plugin's own.
 */
export function corsHeadersWithoutOrigin(corsOrigins: HttpOptions['corsOrigins']): Record<string, string> {
  return {
    ...(corsOrigins === '*' ? { 'access-control-allow-origin': '*' } : {}),
    'access-control-expose-headers': EXPOSED.join(', '),
    vary: 'Origin',
  };
}
