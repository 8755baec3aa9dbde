import type { IncomingMessage, ServerResponse } from 'node:http';
import { LRUCache } from 'lru-cache';
import { IMMUTABLE_MAX_AGE } from '../cache-hints.js';
import { ifNoneMatchHits } from '../response-meta.js';
import type { RequestState } from './request-state.js';

interface CachedResponse {
  readonly headers: Record<string, string>;
  readonly body: Buffer;
  readonly etag: string;
  /** Procedures that produced it, for the route label of logs and metrics on a hit. */
  readonly paths: readonly string[] | undefined;
}

/** Only answers that stay true for a day (final past days) are kept: nothing can go stale but by a change. */
const IMMUTABLE = new RegExp(`max-age=${IMMUTABLE_MAX_AGE}\\b`);
/** Headers that describe this connection or this moment, not the answer. */
const PER_RESPONSE = new Set(['connection', 'keep-alive', 'transfer-encoding', 'date', 'x-worker', 'content-length']);

/**
 * Serialised answers of repeatable GETs of immutable days, replayed byte for byte with the same
 * headers and ETag as the procedure path gave. Most of a request's cost is the framework's Fetch-API
 * plumbing, not the lookup: a hit skips all of it. Sits after identification and rate limiting; a hit
 * is only served to a caller the procedure would have served (a valid key when keys are required).
 * Cleared whenever this process stores rates.
 */
export class ResponseCache {
  private readonly entries: LRUCache<string, CachedResponse>;

  constructor(maxEntries: number) {
    // The age bound covers a refresh in another process, which this one hears nothing of.
    this.entries = new LRUCache({ max: maxEntries, ttl: 60 * 60_000 });
  }

  /** Answers `req` from the cache; false (nothing written) on a miss. */
  serve(key: string, req: IncomingMessage, res: ServerResponse, state: RequestState): boolean {
    const hit = this.entries.get(key);
    if (!hit) return false;
    state.paths = hit.paths;
    if (ifNoneMatchHits(req.headers['if-none-match'], hit.etag)) {
      res.writeHead(304, hit.headers).end();
    } else {
      res.writeHead(200, { ...hit.headers, 'content-length': String(hit.body.length) });
      res.end(req.method === 'HEAD' ? undefined : hit.body);
    }
    return true;
  }

  /** Watches what `res` sends and keeps it if it is a 200 of an immutable day. */
  capture(key: string, res: ServerResponse, state: RequestState): void {
    const chunks: Buffer[] = [];
    const write = res.write.bind(res) as (...args: unknown[]) => boolean;
    const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
    const keep = (chunk: unknown) => {
      if (typeof chunk === 'string') chunks.push(Buffer.from(chunk));
      else if (chunk instanceof Uint8Array) chunks.push(Buffer.from(chunk));
    };
    res.write = ((chunk: unknown, ...rest: unknown[]) => {
      keep(chunk);
      return write(chunk, ...rest);
    }) as ServerResponse['write'];
    res.end = ((chunk?: unknown, ...rest: unknown[]) => {
      if (typeof chunk !== 'function') keep(chunk);
      this.store(key, res, state, chunks);
      return end(chunk, ...rest);
    }) as ServerResponse['end'];
  }

  clear(): void {
    this.entries.clear();
  }

  private store(key: string, res: ServerResponse, state: RequestState, chunks: Buffer[]): void {
    const cacheControl = String(res.getHeader('cache-control') ?? '');
    const etag = res.getHeader('etag');
    if (res.statusCode !== 200 || !IMMUTABLE.test(cacheControl) || typeof etag !== 'string') return;
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(res.getHeaders())) {
      if (value !== undefined && !PER_RESPONSE.has(name))
        headers[name] = Array.isArray(value) ? value.join(', ') : String(value);
    }
    this.entries.set(key, { headers, body: Buffer.concat(chunks), etag, paths: state.paths });
  }
}
