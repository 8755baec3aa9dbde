import { LRUCache } from 'lru-cache';
import { inject, injectable } from 'tsyringe';
import { STORAGE_BASE } from '../domain/currency.js';
import { isProvisional, type DailyRates } from '../domain/daily-rates.js';
import { addDays, daysBetween, eachDate, type IsoDate } from '../domain/iso-date.js';
import type { ProviderChoice } from '../domain/provider-choice.js';
import type { RateRepository } from '../domain/rate-repository.js';
import type { RatesChangeFeed } from './rates-change-feed.js';
import { TOKENS } from './tokens.js';

/** A final day rarely changes (only an explicit refresh can change it); the age bound covers other processes' refreshes. */
const FINAL_TTL_MS = 60 * 60_000;
/** A provisional day changes with the next ingestion, possibly in another process. */
const PROVISIONAL_TTL_MS = 60_000;
/** Which day is newest changes with an ingestion, possibly in another process: the same bound. */
const LATEST_TTL_MS = PROVISIONAL_TTL_MS;
/** How far back `fallback: 'previous'` looks for a stored day (a long weekend plus holidays fits). */
export const FALLBACK_DAYS = 7;
/** A day found absent may be ingested by another process: the same bound. */
const ABSENT_TTL_MS = PROVISIONAL_TTL_MS;

/** Cached "nothing stored for this day" (learnt from a range query), so that ranges with gaps hit the cache too. */
const ABSENT = Symbol('absent');
type Cached = DailyRates | typeof ABSENT;

/**
 * Reads stored days (base EUR) with the configured provider preference, keeping hot days in memory
 * (`CACHE_MAX_DAYS`). Entries are dropped when this process stores new values for their day; the
 * newest day (asked by every `latest` request) is kept too, and dropped on any change. A range is
 * answered from the kept days when they cover it, since a range query reads much more than a day's
 * (on FerretDB it scans the collection); otherwise its answer fills them, gaps included.
 */
@injectable()
export class RateReader {
  private readonly cache: LRUCache<string, Cached> | null;
  private readonly newest: LRUCache<string, DailyRates> | null;
  /** Reads of the newest day under way: concurrent misses for the same key share one query. */
  private readonly newestReads = new Map<string, Promise<DailyRates | null>>();
  private readonly prefer: readonly string[];
  /**
   * Bumped on every change this process stores. A read that started before a change may have seen the
   * old values; what it found is then not kept, or it would outlive the invalidation that already ran.
   */
  private generation = 0;

  constructor(
    @inject(TOKENS.RateRepository) private readonly repo: RateRepository,
    @inject(TOKENS.RatesChangeFeed) feed: RatesChangeFeed,
    @inject(TOKENS.Config) config: { readonly CACHE_MAX_DAYS: number; readonly PROVIDERS: readonly string[] },
  ) {
    this.prefer = config.PROVIDERS;
    this.cache = config.CACHE_MAX_DAYS > 0 ? new LRUCache({ max: config.CACHE_MAX_DAYS }) : null;
    this.newest = config.CACHE_MAX_DAYS > 0 ? new LRUCache({ max: 64, ttl: LATEST_TTL_MS }) : null;
    feed.subscribe((dates) => {
      this.generation++;
      this.newest?.clear();
      // Later requests must not join a read that started before the change.
      this.newestReads.clear();
      if (!this.cache) return;
      const changed = new Set<string>(dates);
      for (const key of [...this.cache.keys()]) if (changed.has(key.slice(0, 10))) this.cache.delete(key);
    });
  }

  async byDate(date: IsoDate, only?: string): Promise<DailyRates | null> {
    const hit = this.cache?.get(cacheKey(date, only));
    if (hit) return hit === ABSENT ? null : hit;
    const generation = this.generation;
    const day = await this.repo.findByDate(date, STORAGE_BASE, this.choice(only));
    if (day && generation === this.generation) this.keep(date, only, day);
    return day;
  }

  latest(onOrBefore?: IsoDate, only?: string): Promise<DailyRates | null> {
    const newest = this.newest;
    if (!newest) return this.repo.findLatest(STORAGE_BASE, onOrBefore, this.choice(only));
    const key = `${onOrBefore ?? ''}|${only ?? ''}`;
    const hit = newest.get(key);
    if (hit) return Promise.resolve(hit);
    const pending = this.newestReads.get(key);
    if (pending) return pending;
    const generation = this.generation;
    const read = this.repo.findLatest(STORAGE_BASE, onOrBefore, this.choice(only)).then(
      (day) => {
        // "Nothing stored yet" is not kept: the first ingestion must show at once.
        if (day && generation === this.generation) newest.set(key, day);
        if (this.newestReads.get(key) === read) this.newestReads.delete(key);
        return day;
      },
      (e: unknown) => {
        if (this.newestReads.get(key) === read) this.newestReads.delete(key);
        throw e;
      },
    );
    this.newestReads.set(key, read);
    return read;
  }

  /** What `fallback=previous` serves for a missing day: the newest stored day within FALLBACK_DAYS before it. */
  async dayBefore(date: IsoDate, only?: string): Promise<DailyRates | null> {
    const earlier = await this.latest(addDays(date, -1), only);
    return earlier && earlier.date >= addDays(date, -FALLBACK_DAYS) ? earlier : null;
  }

  async range(from: IsoDate, to: IsoDate, only?: string): Promise<DailyRates[]> {
    const cache = this.cache;
    // A range as large as the cache would only push out the days it holds.
    if (!cache || daysBetween(from, to) + 1 > cache.max / 2) {
      return this.repo.findRange(from, to, STORAGE_BASE, this.choice(only));
    }
    const dates = eachDate(from, to);
    const kept = dates.map((d) => cache.get(cacheKey(d, only)));
    if (kept.every((k) => k !== undefined)) return kept.filter((k): k is DailyRates => k !== ABSENT);
    const generation = this.generation;
    const days = await this.repo.findRange(from, to, STORAGE_BASE, this.choice(only));
    if (generation !== this.generation) return days;
    const found = new Map(days.map((d) => [d.date, d]));
    for (const date of dates) this.keep(date, only, found.get(date) ?? ABSENT);
    return days;
  }

  private keep(date: IsoDate, only: string | undefined, value: Cached): void {
    const ttl = value === ABSENT ? ABSENT_TTL_MS : isProvisional(value) ? PROVISIONAL_TTL_MS : FINAL_TTL_MS;
    this.cache?.set(cacheKey(date, only), value, { ttl });
  }

  private choice(only: string | undefined): ProviderChoice {
    return only ? { only } : { prefer: this.prefer };
  }
}

/** The date first: a change to a day drops every entry of that date (see the feed subscription). */
const cacheKey = (date: IsoDate, only: string | undefined) => `${date}|${only ?? ''}`;
