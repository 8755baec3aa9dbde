import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { LRUCache } from 'lru-cache';
import { IMMUTABLE_MAX_AGE } from '../cache-hints.js';

export type Encoding = 'br' | 'gzip';

/** A kept answer: its headers and identity bytes, and each compressed variant once it was served. */
export interface CachedResponse {
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
  readonly etag: string;
  /** Procedures that produced it, for the route label of logs and metrics on a hit. */
  readonly paths: readonly string[] | undefined;
  readonly variants: Map<Encoding, Buffer>;
}

/** Only answers that stay true for a day (final past days) are kept: nothing can go stale but by a change. */
const IMMUTABLE = new RegExp(`max-age=${IMMUTABLE_MAX_AGE}\\b`);
/** Headers that describe this connection, this moment or this caller's request, not the answer. */
const PER_RESPONSE =
  /^(connection|keep-alive|transfer-encoding|date|x-worker|content-length|content-encoding|access-control-.*)$/;
/** The same settings @fastify/compress uses, so that a hit's bytes are what a miss would send. */
const BROTLI = { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } };

/**
 * Serialised answers of repeatable GETs of immutable days, replayed byte for byte with the same
 * headers and ETag as the procedure path gave. Most of a request's cost is the adapters' plumbing,
 * not the lookup: a hit skips all of it. A compressed variant is made on its first hit and kept, so
 * a hit never compresses again. Cleared whenever rates are stored; entries also age out after an hour.
 */
export class ResponseCache {
  private readonly entries: LRUCache<string, CachedResponse>;

  constructor(maxEntries: number) {
    // The age bound covers a refresh in another process, which this one may hear nothing of.
    this.entries = new LRUCache({ max: maxEntries, ttl: 60 * 60_000 });
  }

  get(key: string): CachedResponse | undefined {
    return this.entries.get(key);
  }

  /** Keeps a sent answer when it is a 200 of an immutable day with an ETag; ignores anything else. */
  offer(
    key: string,
    answer: { status: number; headers: Record<string, unknown>; body: Buffer; paths: readonly string[] | undefined },
  ): void {
    const etag = answer.headers.etag;
    if (answer.status !== 200 || !IMMUTABLE.test(String(answer.headers['cache-control'] ?? ''))) return;
    if (typeof etag !== 'string') return;
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(answer.headers)) {
      if (value !== undefined && !PER_RESPONSE.test(name))
        headers[name] = Array.isArray(value) ? value.join(', ') : String(value);
    }
    this.entries.set(key, { headers, body: answer.body, etag, paths: answer.paths, variants: new Map() });
  }

  /** The entry's bytes in `encoding`, compressed on first use and then kept. */
  static variant(entry: CachedResponse, encoding: Encoding): Buffer {
    let bytes = entry.variants.get(encoding);
    if (!bytes) {
      bytes = encoding === 'br' ? brotliCompressSync(entry.body, BROTLI) : gzipSync(entry.body);
      entry.variants.set(encoding, bytes);
    }
    return bytes;
  }

  clear(): void {
    this.entries.clear();
  }
}
