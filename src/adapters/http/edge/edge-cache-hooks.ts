import negotiate from '@fastify/accept-negotiator';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { ifNoneMatchHits, notModifiedSince } from '../response-meta.js';
import type { HttpOptions } from '../http-options.js';
import { COMPRESS_THRESHOLD_BYTES, ENCODINGS } from './compression.js';
import { requestStateOf } from './request-state.js';
import { addVary } from './vary.js';
import type { StreamRouteConfig } from '../routes/range-export-route.js';
import { ResponseCache, type CachedResponse } from './response-cache.js';

/** Read routes whose answers may be immutable; anything else always goes to the procedures. */
const CACHEABLE = /^\/(rates|convert|trpc\/rates\.)/;
/** Requests answered from the cache, whose answer must not be offered back to it. */
const hits = new WeakSet<object>();

/**
 * The edge cache as hooks: after identification, rate limiting and CORS, a hit is replayed (304 when
 * If-None-Match matches, or without it when If-Modified-Since is not older than its Last-Modified); a miss's identity bytes are offered to the cache when sent. Only callers the
 * procedure would serve use it: no invalid key, and a key when keys are required.
 */
export function installEdgeCache(app: FastifyInstance, opts: HttpOptions): void {
  const cache = opts.responseCache;
  if (!cache) return;
  const mayUse = (request: FastifyRequest): boolean => {
    const caller = requestStateOf(request.raw)?.caller;
    return (
      (request.method === 'GET' || request.method === 'HEAD') &&
      // A CSV/NDJSON stream shares its URL with the JSON range: never replay one for the other.
      !(request.routeOptions.config as StreamRouteConfig).streamed &&
      CACHEABLE.test(request.url) &&
      caller !== undefined &&
      caller.kind !== 'invalid' &&
      (!opts.authRequired || caller.kind === 'key')
    );
  };
  void app.register(
    fp(async (edge) => {
      edge.addHook('onRequest', (request, reply, done) => {
        const hit = mayUse(request) ? cache.get(request.url) : undefined;
        if (!hit) return done();
        const state = requestStateOf(request.raw);
        if (state) state.paths = hit.paths;
        hits.add(request.raw);
        void replay(hit, request, reply);
      });
      edge.addHook('onSend', async (request, reply, payload) => {
        if (request.method !== 'GET' || hits.has(request.raw) || !mayUse(request)) return payload;
        if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload;
        cache.offer(request.url, {
          status: reply.statusCode,
          headers: reply.getHeaders(),
          body: Buffer.from(payload),
          paths: requestStateOf(request.raw)?.paths,
        });
        return payload;
      });
    }),
  );
}

function replay(hit: CachedResponse, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const { vary, ...headers } = hit.headers;
  void reply.headers(headers);
  if (vary) addVary(reply, vary);
  if (ifNoneMatchHits(request.headers['if-none-match'], hit.etag) || unmodified(hit, request)) {
    return reply.code(304).send();
  }
  if (hit.body.length < COMPRESS_THRESHOLD_BYTES) return reply.code(200).send(hit.body);
  addVary(reply, 'accept-encoding');
  const encoding = negotiate(String(request.headers['accept-encoding'] ?? ''), [...ENCODINGS]);
  if (!encoding) return reply.code(200).send(hit.body);
  return reply
    .code(200)
    .header('content-encoding', encoding)
    .send(ResponseCache.variant(hit, encoding as 'br' | 'gzip'));
}

/** The procedures' If-Modified-Since rule (response-meta.ts), on the replayed answer's Last-Modified. */
function unmodified(hit: CachedResponse, request: FastifyRequest): boolean {
  const lastModified = hit.headers['last-modified'];
  const at = typeof lastModified === 'string' ? Date.parse(lastModified) : NaN;
  return notModifiedSince(
    request.headers['if-modified-since'],
    request.headers['if-none-match'],
    Number.isNaN(at) ? null : at,
  );
}
