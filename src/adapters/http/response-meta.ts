import { hash } from 'node:crypto';
import type { ApiContext } from './context.js';
import type { ConditionalFacts } from './edge/request-state.js';

interface MetaInput {
  readonly ctx?: ApiContext | undefined;
  readonly paths?: readonly string[] | undefined;
  readonly data?: readonly unknown[] | undefined;
  readonly errors: readonly unknown[];
}

/** A strong ETag of a serialised body: the hash of exactly its bytes (one-shot: no Hash object per answer). */
export const etagOfBody = (body: string | Buffer): string => `"${hash('sha256', body, 'base64url').slice(0, 27)}"`;

/** An entity tag without its weak marker: If-None-Match compares weakly (RFC 9110 §13.1.2). */
const opaque = (tag: string): string => (tag.startsWith('W/') ? tag.slice(2) : tag);

/** True when an If-None-Match header (a list, or `*`) names `etag`: the client holds the current answer. */
export function ifNoneMatchHits(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  if (header.trim() === '*') return true;
  const wanted = opaque(etag);
  return header.split(',').some((t) => opaque(t.trim()) === wanted);
}

/**
 * True when If-Modified-Since is at or after `lastModified` (HTTP dates have whole seconds). Ignored when
 * If-None-Match is sent: the ETag is the exact test (RFC 9110, 13.1.3).
 */
export function notModifiedSince(
  ifModifiedSince: string | undefined,
  ifNoneMatch: string | undefined,
  lastModified: number | null,
): boolean {
  if (ifNoneMatch !== undefined || ifModifiedSince === undefined || lastModified === null) return false;
  const since = Date.parse(ifModifiedSince);
  return !Number.isNaN(since) && Math.floor(lastModified / 1000) * 1000 <= since;
}

/** Whether a conditional request names the answer the client already holds: 304. */
export const clientHolds = (facts: ConditionalFacts, etag: string): boolean =>
  ifNoneMatchHits(facts.ifNoneMatch, etag) ||
  notModifiedSince(facts.ifModifiedSince, facts.ifNoneMatch, facts.lastModified);

interface Meta {
  headers: Record<string, string>;
}

/**
 * Headers of every procedure answer, REST and tRPC alike: errors are never stored by
 * caches; successes carry Cache-Control from the procedures' hints and provenance headers. Their ETag
 * (and so a 304) is left to the route, which makes it from the body the adapter serialised
 * (`tagOnSend`, with what a conditional request compares): the same bytes, so the same ETag, without
 * serialising the answer a second time only to hash it.
 */
export const responseMeta = ({ ctx, paths, data, errors }: MetaInput): Meta => {
  if (ctx) ctx.request.paths = paths;
  if (errors.some((e) => (e as { code?: unknown }).code === 'UNAUTHORIZED')) {
    return { headers: { 'cache-control': 'no-store', 'www-authenticate': 'Bearer realm="fxrates"' } };
  }
  // No data yet: a streamed (jsonl) tRPC answer sends its headers before any procedure ran, so there
  // is nothing to tag, and a tag of nothing would match every later stream.
  if (errors.length > 0 || !ctx || !data || data.length === 0) {
    // "Not stored" may be kept by the edge (never by clients) when the procedure said what it depends on.
    if (ctx && errors.length === 1 && (errors[0] as { code?: unknown }).code === 'NOT_FOUND')
      ctx.request.dependencies = ctx.cache.dependencies();
    return { headers: { 'cache-control': 'no-store' } };
  }
  // What the edge cache keeps the answer for (and until): the procedures' dependencies, folded.
  ctx.request.dependencies = ctx.cache.dependencies();
  // Under AUTH_REQUIRED an answer is for key holders only: no shared cache may keep and replay it.
  const cacheControl = ctx.authRequired ? ctx.cache.header().replace('public', 'private') : ctx.cache.header();
  const provenance = ctx.cache.provenance();
  ctx.request.tagOnSend = {
    ifNoneMatch: ctx.ifNoneMatch,
    ifModifiedSince: ctx.ifModifiedSince,
    lastModified: provenance.lastModified,
  };
  return { headers: { 'cache-control': cacheControl, ...provenance.headers } };
};
