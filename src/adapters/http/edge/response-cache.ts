import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { LRUCache } from 'lru-cache';
import type { ChangeScope } from '../../../app/rates-change-feed.js';
import type { IsoDate } from '../../../domain/iso-date.js';
import type { Dependencies } from '../cache-hints.js';
import { COMPRESS_THRESHOLD_BYTES } from './compression.js';
import { joinVary } from './vary.js';

export type Encoding = 'br' | 'gzip';

/** One way of sending a kept answer: its bytes and every header a hit writes, made once. */
export interface Variant {
  readonly body: Buffer;
  readonly headers: Readonly<Record<string, string | number>>;
  /**
   * The hit writer's own slot (hit-writer.ts): what it made of these headers on the first hit, kept on
   * the variant because a lookup elsewhere cost a hit more than reading a field.
   */
  written: object | undefined;
}

/** A kept answer: identity bytes with their headers, and each compressed variant once it was asked for. */
export interface CachedResponse {
  /** 200, or 404 for a day known not stored (no ETag: conditional requests never match it). */
  readonly status: 200 | 404;
  readonly identity: Variant;
  readonly etag: string;
  /** Procedures that produced it, for the route label of logs and metrics on a hit. */
  readonly paths: readonly string[] | undefined;
  readonly variants: Map<Encoding, Variant>;
  /** Whether it varies on Accept-Encoding: a compressed variant may be sent. */
  readonly compressible: boolean;
  /** When it stops being true whatever the data does (ms since the epoch); Infinity: only a change ends it. */
  readonly expires: number;
  readonly dependencies: Dependencies;
  /** Bytes it holds (bodies and a fixed overhead), which the byte bound counts. */
  readonly size: number;
  /** Its handle: the same object for as long as the entry is kept. */
  readonly kept: Kept;
}

/**
 * A kept entry as the cache front remembers it per request target: `entry` is the entry while the
 * cache keeps it, undefined from the moment it leaves (a change, its eviction, a clear), so a
 * remembered handle never serves what the cache dropped, and never holds a dropped answer's bytes.
 */
export interface Kept {
  readonly key: string;
  entry: CachedResponse | undefined;
  /** When its recency was last given to the LRU order (ms since the epoch). */
  touched: number;
}

export interface ResponseCacheLimits {
  readonly maxEntries: number;
  /** Bound of all kept bytes (bodies, their compressed variants, an overhead per entry). */
  readonly maxBytes: number;
  /** An answer larger than this is never kept: one wide range must not push out hundreds of days. */
  readonly maxEntryBytes: number;
}

export interface ResponseCacheStats {
  readonly hits: number;
  readonly misses: number;
  readonly bytes: number;
  readonly entries: number;
}

/** Headers that describe this connection, this moment or this caller's request, not the answer. */
const PER_RESPONSE =
  /^(connection|keep-alive|transfer-encoding|date|x-worker|content-length|content-encoding|access-control-.*)$/;
/** The same settings @fastify/compress uses, so that a hit's bytes are what a miss would send. */
const BROTLI = { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } };
/** Keys, headers and bookkeeping of one entry, roughly: counted so that many tiny answers are bounded too. */
const ENTRY_OVERHEAD_BYTES = 512;
/**
 * How often a hit through a remembered handle (`touch`) moves its entry up the LRU order: at most once
 * a second. The order is then exact to the second, which is all a byte bound needs, and most hits
 * skip the LRU's own bookkeeping.
 */
const TOUCH_INTERVAL_MS = 1_000;

/**
 * Serialised answers of cacheable GETs, replayed byte for byte with the same headers and ETag as the
 * procedure path gave. An entry stays until the data it was computed from changes (`invalidate`,
 * fed by the process's RatesChangeFeed: its own writes and every other process's, through the
 * shared data generation), or until its own time bound passes (a new UTC day for "latest", a
 * minute for a provisional day). Bounded in entries and in bytes, least recently used out first.
 */
export class ResponseCache {
  private readonly entries: LRUCache<string, CachedResponse>;
  /** Keys of entries computed from each stored day. */
  private readonly byDate = new Map<IsoDate, Set<string>>();
  /** Keys of "newest day" answers, with the newest day each was computed from. */
  private readonly newest = new Map<string, IsoDate>();
  /** Keys of answers listing the currency catalog. */
  private readonly catalog = new Set<string>();
  private hits = 0;
  private misses = 0;

  constructor(private readonly limits: ResponseCacheLimits) {
    this.entries = new LRUCache<string, CachedResponse>({
      max: limits.maxEntries,
      maxSize: limits.maxBytes,
      sizeCalculation: (e) => e.size,
      dispose: (e, key) => {
        e.kept.entry = undefined;
        this.unindex(key, e.dependencies);
      },
    });
  }

  /** The entry under `key` while it is true at `nowMs`; counts a hit or a miss. */
  get(key: string, nowMs: number): CachedResponse | undefined {
    const entry = this.entries.get(key);
    if (entry && entry.expires <= nowMs) this.entries.delete(key);
    else if (entry) {
      this.hits++;
      return entry;
    }
    this.misses++;
    return undefined;
  }

  /**
   * The entry under `key` while it is true at `nowMs`, counting nothing: for a caller that may still
   * hand the request on to the path that looks again with `get`. It counts its hit with `countHit`.
   */
  peek(key: string, nowMs: number): CachedResponse | undefined {
    const entry = this.entries.get(key);
    return entry === undefined || entry.expires <= nowMs ? undefined : entry;
  }

  /**
   * A hit through a remembered handle, whose entry the caller found kept and true: its recency goes to
   * the LRU order at most once a second (TOUCH_INTERVAL_MS).
   */
  touch(kept: Kept, nowMs: number): void {
    if (nowMs - kept.touched < TOUCH_INTERVAL_MS) return;
    kept.touched = nowMs;
    this.entries.get(kept.key);
  }

  countHit(): void {
    this.hits++;
  }

  /**
   * Keeps a sent answer when it is a 200 with an ETag, or a 404, whose procedures said what it depends
   * on (`dependencies` null: some part vouched for nothing; a 404 has some only when it says a day is
   * not stored) and it fits the per-entry bound.
   */
  offer(
    key: string,
    answer: {
      status: number;
      headers: Record<string, unknown>;
      body: Buffer;
      paths: readonly string[] | undefined;
      dependencies: Dependencies | null | undefined;
    },
    nowMs: number,
  ): boolean {
    const { etag } = answer.headers;
    const deps = answer.dependencies;
    const status = answer.status;
    if (!deps || !(status === 404 || (status === 200 && typeof etag === 'string'))) return false;
    const expires = deps.validUntil ? deps.validUntil.getTime() : Infinity;
    if (expires <= nowMs) return false;
    const size = answer.body.length + ENTRY_OVERHEAD_BYTES;
    if (size > this.limits.maxEntryBytes) return false;
    const headers: Record<string, string | number> = {};
    for (const [name, value] of Object.entries(answer.headers)) {
      if (value !== undefined && !PER_RESPONSE.test(name))
        headers[name] = Array.isArray(value) ? value.join(', ') : String(value);
    }
    if (answer.body.length >= COMPRESS_THRESHOLD_BYTES) headers.vary = joinVary(headers.vary, 'accept-encoding');
    headers['content-length'] = answer.body.length;
    const kept: Kept = { key, entry: undefined, touched: nowMs };
    const entry: CachedResponse = {
      status,
      identity: { body: answer.body, headers, written: undefined },
      etag: typeof etag === 'string' ? etag : '',
      paths: answer.paths,
      variants: new Map(),
      compressible: String(headers.vary ?? '')
        .toLowerCase()
        .includes('accept-encoding'),
      expires,
      dependencies: { ...deps, dates: new Set(deps.dates) },
      size,
      kept,
    };
    kept.entry = entry;
    this.entries.set(key, entry);
    if (!this.entries.has(key)) return false;
    this.index(key, entry.dependencies);
    return true;
  }

  /** The entry's bytes in `encoding`, compressed on first use and then kept (and counted). */
  variant(key: string, entry: CachedResponse, encoding: Encoding): Variant {
    let v = entry.variants.get(encoding);
    if (!v) {
      const body = encoding === 'br' ? brotliCompressSync(entry.identity.body, BROTLI) : gzipSync(entry.identity.body);
      v = {
        body,
        headers: { ...entry.identity.headers, 'content-encoding': encoding, 'content-length': body.length },
        written: undefined,
      };
      entry.variants.set(encoding, v);
      // Set again, as a new value (lru-cache sizes a value once), so that the byte bound counts the
      // variant; same key and dependencies, so the indexes stay. It may evict the entry: it is sent anyway.
      // The handle moves to the new value (the replaced one is not disposed); should the set evict it,
      // its disposal lets go of the handle as for any entry.
      const current = this.entries.peek(key);
      if (current?.variants === entry.variants) {
        const grown = { ...current, size: current.size + body.length };
        current.kept.entry = grown;
        this.entries.set(key, grown, { noDisposeOnSet: true });
      }
    }
    return v;
  }

  /**
   * Drops exactly the entries a change touched: those computed from a changed day, "newest day"
   * answers older than a changed day, every catalog list when anything changed; all when the scope
   * says the process lost track of the data.
   */
  invalidate(dates: readonly IsoDate[], scope: ChangeScope): void {
    if (scope.everything) return this.clear();
    const drop = new Set<string>();
    for (const d of dates) for (const key of this.byDate.get(d) ?? []) drop.add(key);
    if (dates.length > 0) {
      const latestChanged = dates.reduce((a, b) => (a > b ? a : b));
      for (const [key, newest] of this.newest) if (latestChanged >= newest) drop.add(key);
    }
    if (dates.length > 0 || scope.catalog) for (const key of this.catalog) drop.add(key);
    for (const key of drop) this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }

  stats(): ResponseCacheStats {
    return { hits: this.hits, misses: this.misses, bytes: this.entries.calculatedSize, entries: this.entries.size };
  }

  private index(key: string, deps: Dependencies): void {
    for (const d of deps.dates) {
      let keys = this.byDate.get(d);
      if (!keys) this.byDate.set(d, (keys = new Set()));
      keys.add(key);
    }
    if (deps.newest)
      this.newest.set(
        key,
        [...deps.dates].reduce((a, b) => (a > b ? a : b), '' as IsoDate),
      );
    if (deps.catalog) this.catalog.add(key);
  }

  private unindex(key: string, deps: Dependencies): void {
    for (const d of deps.dates) {
      const keys = this.byDate.get(d);
      keys?.delete(key);
      if (keys?.size === 0) this.byDate.delete(d);
    }
    this.newest.delete(key);
    this.catalog.delete(key);
  }
}
