import negotiate from '@fastify/accept-negotiator';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { ifNoneMatchHits, notModifiedSince } from '../response-meta.js';
import type { HttpOptions } from '../http-options.js';
import type { Caller } from '../../../app/api-keys.js';
import type { StreamRouteConfig } from '../routes/range-export-route.js';
import { CacheKeys } from './cache-key.js';
import { ENCODINGS } from './compression.js';
import { requestStateOf } from './request-state.js';
import type { CachedResponse, Encoding, ResponseCache, Variant } from './response-cache.js';

const MAX_AGE = /max-age=(\d+)/;

/**
 * The edge cache as hooks: after identification, rate limiting and CORS, a hit is written straight to
 * Node's response (hijacked: no route, serialisation, compression or onSend hooks run; 304 when
 * If-None-Match matches, or without it when If-Modified-Since is not older than its Last-Modified); a miss's identity bytes are offered to the cache when sent. Only callers the
 * procedure would serve use it: no invalid key, and a key when keys are required. Callers are keyed by
 * what they may see (anonymous, read key, admin key), so no answer crosses from one kind to another.
 */
export function installEdgeCache(app: FastifyInstance, opts: HttpOptions): void {
  const cache = opts.responseCache;
  if (!cache) return;
  const keys = new CacheKeys(opts.router);
  void app.register(
    fp(async (edge) => {
      edge.addHook('onRequest', (request, reply, done) => {
        const state = requestStateOf(request.raw);
        if (!state || (request.method !== 'GET' && request.method !== 'HEAD')) return done();
        // A CSV/NDJSON stream shares its URL with the JSON range: never replay one for the other.
        if ((request.routeOptions.config as StreamRouteConfig).streamed) return done();
        const who = audience(state.caller, opts.authRequired);
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
        replay(cache, key, hit, request, reply, now);
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

/** Whom an answer may be replayed to; undefined: this caller is never served from the cache. */
function audience(caller: Caller, authRequired: boolean): string | undefined {
  if (caller.kind === 'invalid') return undefined;
  if (caller.kind === 'anonymous') return authRequired ? undefined : 'anonymous';
  return caller.role;
}

/** Writes the kept answer with as little per-request work as possible: headers made at admission. */
function replay(
  cache: ResponseCache,
  key: string,
  hit: CachedResponse,
  request: FastifyRequest,
  reply: FastifyReply,
  now: number,
): void {
  const res = reply.raw;
  let variant: Variant = hit.identity;
  if (hit.identity.headers.vary !== undefined && String(hit.identity.headers.vary).includes('accept-encoding')) {
    const accepted = request.headers['accept-encoding'];
    const encoding = accepted ? negotiate(accepted, ENCODINGS as unknown as string[]) : null;
    if (encoding) variant = cache.variant(key, hit, encoding as Encoding);
  }
  let headers: Record<string, string | number | string[]> = variant.headers as Record<string, string | number>;
  // Headers the edge's hooks set on this reply (CORS, x-worker) go with the kept ones.
  const own = reply.getHeaders();
  let copied = false;
  for (const name in own) {
    const value = own[name];
    if (value === undefined) continue;
    if (!copied) headers = { ...headers };
    copied = true;
    headers[name] = name === 'vary' ? joinVary(headers.vary, String(value)) : (value as string);
  }
  // An answer with its own end (latest: next UTC midnight) tells clients only the time it has left.
  if (hit.expires !== Infinity) {
    const cc = String(headers['cache-control'] ?? '');
    const kept = MAX_AGE.exec(cc);
    if (kept) {
      const left = Math.max(0, Math.floor((hit.expires - now) / 1000));
      if (!copied) headers = { ...headers };
      headers['cache-control'] = cc.replace(MAX_AGE, `max-age=${Math.min(Number(kept[1]), left)}`);
    }
  }
  const inm = request.headers['if-none-match'];
  if ((inm !== undefined && ifNoneMatchHits(inm, hit.etag)) || unmodified(hit, request)) {
    const { 'content-length': _l, 'content-type': _t, 'content-encoding': _e, ...notModified } = headers;
    res.writeHead(304, notModified);
    res.end();
    return;
  }
  res.writeHead(200, headers);
  if (request.method === 'HEAD') res.end();
  else res.end(variant.body);
}

/** Vary names of the kept answer and of this reply's hooks (CORS adds Origin), each once. */
function joinVary(kept: unknown, added: string): string {
  if (kept === undefined) return added;
  const names = String(kept)
    .split(',')
    .map((n) => n.trim());
  const lower = new Set(names.map((n) => n.toLowerCase()));
  for (const n of added.split(',')) if (n.trim() && !lower.has(n.trim().toLowerCase())) names.push(n.trim());
  return names.join(', ');
}

/** If-Modified-Since (without If-None-Match) not older than the kept answer's Last-Modified: 304, as the procedures answer. */
function unmodified(hit: CachedResponse, request: FastifyRequest): boolean {
  const lastModified = hit.identity.headers['last-modified'];
  const at = typeof lastModified === 'string' ? Date.parse(lastModified) : NaN;
  return notModifiedSince(
    request.headers['if-modified-since'],
    request.headers['if-none-match'],
    Number.isNaN(at) ? null : at,
  );
}
