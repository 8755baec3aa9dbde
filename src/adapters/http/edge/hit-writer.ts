import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import negotiate from '@fastify/accept-negotiator';
import { ifNoneMatchHits, notModifiedSince } from '../response-meta.js';
import { ENCODINGS } from './compression.js';
import { joinVary } from './vary.js';
import type { CachedResponse, Encoding, ResponseCache, Variant } from './response-cache.js';

const MAX_AGE = /max-age=(\d+)/;

/** Headers of one reply that go with the kept ones (CORS, x-worker); `vary` is joined, not replaced. */
export type ExtraHeaders = Readonly<Record<string, string | number | readonly string[] | undefined>>;

/**
 * Headers to send, as an object (to derive others from) and as Node's flat `[name, value, ...]` list:
 * `writeHead` takes the list without walking an object's keys, which costs a hit more than its lookup.
 */
interface Prepared {
  readonly headers: OutgoingHttpHeaders;
  readonly lines: readonly (string | readonly string[])[];
}

/**
 * What the writer keeps on a variant (`Variant.written`): its headers merged with one fixed set of
 * extras, and for an answer with its own end, the last headers made with the max-age it had left.
 */
interface Merged {
  readonly extra: ExtraHeaders;
  readonly prepared: Prepared;
  aged?: { readonly left: number; readonly made: Prepared };
}

/**
 * Writes a kept answer to Node's response with as little per-request work as possible: the variant
 * the client accepts (compressed once, then kept), 304 when If-None-Match matches (or, without it, when
 * If-Modified-Since is not older than Last-Modified), HEAD without the body. A kept 404 has no
 * representation for a condition to match: it is sent as it is. An answer with its own end
 * (latest: next UTC midnight) tells clients only the max-age it has left.
 */
export function writeHit(
  cache: ResponseCache,
  key: string,
  hit: CachedResponse,
  req: IncomingMessage,
  res: ServerResponse,
  extra: ExtraHeaders,
  now: number,
): void {
  // Node's `headers` is a getter: read once.
  const asked = req.headers;
  let variant: Variant = hit.identity;
  const accepted = asked['accept-encoding'];
  if (accepted && hit.compressible) {
    const encoding = encodingFor(accepted);
    if (encoding) variant = cache.variant(key, hit, encoding);
  }
  let prepared = headersWith(variant, extra);
  if (hit.expires !== Infinity)
    prepared = withMaxAgeLeft(variant.written as Merged | undefined, prepared, hit.expires - now);
  const inm = asked['if-none-match'];
  const notModified =
    hit.status === 200 &&
    ((inm !== undefined && ifNoneMatchHits(inm, hit.etag)) ||
      (asked['if-modified-since'] !== undefined && unmodified(hit, req)));
  if (notModified) {
    const { 'content-length': _l, 'content-type': _t, 'content-encoding': _e, ...rest } = prepared.headers;
    res.writeHead(304, rest);
    res.end();
    return;
  }
  res.writeHead(hit.status, prepared.lines as (string | string[])[]);
  if (req.method === 'HEAD') res.end();
  else res.end(variant.body);
}

/** Accept-Encoding values seen, with the encoding each picks: clients send a handful of distinct ones. */
const negotiated = new Map<string, Encoding | null>();
const MAX_NEGOTIATED = 256;

function encodingFor(accepted: string): Encoding | null {
  let encoding = negotiated.get(accepted);
  if (encoding === undefined) {
    encoding = negotiate(accepted, ENCODINGS as unknown as string[]) as Encoding | null;
    // Bounded whatever clients send: past the bound, start over.
    if (negotiated.size >= MAX_NEGOTIATED) negotiated.clear();
    negotiated.set(accepted, encoding);
  }
  return encoding;
}

/** The variant's headers with `extra` over them; merged once when `extra` is the same object as last time. */
function headersWith(variant: Variant, extra: ExtraHeaders): Prepared {
  const memo = variant.written as Merged | undefined;
  if (memo?.extra === extra) return memo.prepared;
  const headers: OutgoingHttpHeaders = { ...variant.headers };
  for (const name in extra) {
    const value = extra[name];
    if (value === undefined) continue;
    headers[name] = name === 'vary' ? joinVary(headers.vary, String(value)) : (value as string);
  }
  const prepared = prepare(headers);
  // The cache front's per-process extras: the same frozen object on every hit.
  if (Object.isFrozen(extra)) variant.written = { extra, prepared } satisfies Merged;
  return prepared;
}

function prepare(headers: OutgoingHttpHeaders): Prepared {
  const lines: (string | readonly string[])[] = [];
  for (const name in headers) {
    const value = headers[name];
    if (value !== undefined) lines.push(name, typeof value === 'number' ? String(value) : value);
  }
  return { headers, lines };
}

/**
 * Headers whose max-age is at most the seconds the kept answer has left. The seconds left change once a
 * second: made again then, kept on the variant's memo meanwhile (when `from` is the memo's own headers).
 */
function withMaxAgeLeft(memo: Merged | undefined, from: Prepared, leftMs: number): Prepared {
  const left = Math.max(0, Math.floor(leftMs / 1000));
  const kept = memo?.prepared === from ? memo : undefined;
  if (kept?.aged?.left === left) return kept.aged.made;
  const cc = String(from.headers['cache-control'] ?? '');
  const maxAge = MAX_AGE.exec(cc);
  const made = maxAge
    ? prepare({ ...from.headers, 'cache-control': cc.replace(MAX_AGE, `max-age=${Math.min(Number(maxAge[1]), left)}`) })
    : from;
  if (kept) kept.aged = { left, made };
  return made;
}

/** If-Modified-Since (without If-None-Match) not older than the kept answer's Last-Modified: 304, as the procedures answer. */
function unmodified(hit: CachedResponse, req: IncomingMessage): boolean {
  const lastModified = hit.identity.headers['last-modified'];
  const at = typeof lastModified === 'string' ? Date.parse(lastModified) : NaN;
  return notModifiedSince(req.headers['if-modified-since'], req.headers['if-none-match'], Number.isNaN(at) ? null : at);
}
