import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { HttpOptions } from '../http-options.js';
import type { StreamRouteConfig } from '../routes/range-export-route.js';
import { audienceOf } from './audience.js';
import type { CacheKeys } from './cache-key.js';
import { writeHit } from './hit-writer.js';
import { requestStateOf } from './request-state.js';

/**
 * The edge cache as hooks: after identification, rate limiting and CORS, a hit is written straight to
 * Node's response (hijacked: no route, serialisation, compression or onSend hooks run; 304 when
 * If-None-Match matches, or without it when If-Modified-Since is not older than its Last-Modified); a
 * miss's identity bytes are offered to the cache when sent. Callers are keyed by what they may see
 * (edge/audience.ts). Most hits never get here: the front (edge/cache-front.ts) answers them before
 * Fastify; these hooks answer the rest (a browser's cross-origin call) and keep every miss.
 */
export function installEdgeCache(app: FastifyInstance, opts: HttpOptions, keys: CacheKeys | undefined): void {
  const cache = opts.responseCache;
  if (!cache || !keys) return;
  void app.register(
    fp(async (edge) => {
      edge.addHook('onRequest', (request, reply, done) => {
        const state = requestStateOf(request.raw);
        if (!state || (request.method !== 'GET' && request.method !== 'HEAD')) return done();
        // A CSV/NDJSON stream shares its URL with the JSON range: never replay one for the other.
        if ((request.routeOptions.config as StreamRouteConfig).streamed) return done();
        const who = audienceOf(state.caller, opts.authRequired);
        const key = who === undefined ? undefined : keys.of(request.url, request.headers, who);
        if (key === undefined) return done();
        const now = opts.now().getTime();
        const hit = cache.get(key, now);
        if (!hit) {
          state.cacheKey = key;
          return done();
        }
        state.paths = hit.paths;
        reply.hijack();
        // Headers the edge's hooks set on this reply (CORS, x-worker) go with the kept ones.
        writeHit(cache, key, hit, request.raw, reply.raw, reply.getHeaders(), now);
      });
      edge.addHook('onSend', async (request, reply, payload) => {
        const state = requestStateOf(request.raw);
        if (request.method !== 'GET' || state?.cacheKey === undefined) return payload;
        if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload;
        cache.offer(
          state.cacheKey,
          {
            status: reply.statusCode,
            headers: reply.getHeaders(),
            body: Buffer.from(payload),
            paths: state.paths,
            dependencies: state.dependencies,
          },
          opts.now().getTime(),
        );
        return payload;
      });
    }),
  );
}
