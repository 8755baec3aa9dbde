import { LRUCache } from 'lru-cache';
import { inject, injectable } from 'tsyringe';
import { STORAGE_BASE } from '../domain/currency.js';
import type { DailyRates } from '../domain/daily-rates.js';
import { addDays, daysBetween, eachDate, type IsoDate } from '../domain/iso-date.js';
import type { ProviderChoice } from '../domain/provider-choice.js';
import type { RateRepository } from '../domain/rate-repository.js';
import type { ChangeScope, RatesChangeFeed } from './rates-change-feed.js';
import { TOKENS } from './tokens.js';

/** How far back `fallback: 'previous'` looks for a stored day (a long weekend plus holidays fits). */
export const FALLBACK_DAYS = 7;
/** Up to this many uncached days of a range are read by key (cheap everywhere) rather than by one range query. */
const RANGE_KEY_LOOKUPS = 62;
/** Newest-day answers kept: one per (day asked, provider), and the day asked moves once a UTC day. */
const NEWEST_ENTRIES = 64;

/** Cached "nothing stored for this day", so that days not stored (weekends, holidays) cost nothing either. */
const ABSENT = Symbol('absent');
type Cached = DailyRates | typeof ABSENT;

/**
 * Reads stored days (base EUR) with the configured provider preference, keeping them in memory
 * (`CACHE_MAX_DAYS`, days found absent included) until the change feed says a day changed: the feed
 * carries this process's writes at once and every other process's through the shared data generation,
 * so nothing here needs an age bound. The newest day (every `latest` and `convert` asks for it) is
 * kept per day asked, so that a new UTC day asks afresh, and dropped when a day at or after it changes.
 */
@injectable()
export class RateReader {
  private readonly cache: LRUCache<string, Cached> | null;
  private readonly newest: LRUCache<string, DailyRates> | null;
  /** Reads of the newest day under way: concurrent misses for the same key share one query. */
  private readonly newestReads = new Map<string, Promise<DailyRates | null>>();
  private readonly prefer: readonly string[];
  /**
   * Bumped on every change heard. A read that started before a change may have seen the old values;
   * what it found is then not kept, or it would outlive the invalidation that already ran.
   */
  private generation = 0;

  constructor(
    @inject(TOKENS.RateRepository) private readonly repo: RateRepository,
    @inject(TOKENS.RatesChangeFeed) feed: RatesChangeFeed,
    @inject(TOKENS.Config) config: { readonly CACHE_MAX_DAYS: number; readonly PROVIDERS: readonly string[] },
  ) {
    this.prefer = config.PROVIDERS;
    this.cache = config.CACHE_MAX_DAYS > 0 ? new LRUCache({ max: config.CACHE_MAX_DAYS }) : null;
    this.newest = config.CACHE_MAX_DAYS > 0 ? new LRUCache({ max: NEWEST_ENTRIES }) : null;
    feed.subscribe((dates, scope) => this.drop(dates, scope));
  }

  async byDate(date: IsoDate, only?: string): Promise<DailyRates | null> {
    const hit = this.cache?.get(cacheKey(date, only));
    if (hit) return hit === ABSENT ? null : hit;
    const generation = this.generation;
    const day = await this.repo.findByDate(date, STORAGE_BASE, this.choice(only));
    // Absent days are kept too: a write that stores the day publishes it, and drops this.
    if (generation === this.generation) this.cache?.set(cacheKey(date, only), day ?? ABSENT);
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
        // "Nothing stored yet" is not kept: it is rare, and cheap to ask again.
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
    // Key lookups of the days before (each cached, found or absent), never a sorted "newest on or
    // before" query: that one scans the collection on servers without secondary-index pushdown (FerretDB).
    const days = await Promise.all(
      Array.from({ length: FALLBACK_DAYS }, (_, i) => this.byDate(addDays(date, -(i + 1)), only)),
    );
    return days.find((d) => d !== null) ?? null;
  }

  async range(from: IsoDate, to: IsoDate, only?: string): Promise<DailyRates[]> {
    const cache = this.cache;
    // A range as large as the cache would only push out the days it holds.
    if (!cache || daysBetween(from, to) + 1 > cache.max / 2) {
      return this.repo.findRange(from, to, STORAGE_BASE, this.choice(only));
    }
    const dates = eachDate(from, to);
    const kept = dates.map((d) => cache.get(cacheKey(d, only)));
    const missing = dates.filter((_, i) => kept[i] === undefined);
    if (missing.length === 0) return kept.filter((k): k is DailyRates => k !== undefined && k !== ABSENT);
    if (missing.length <= RANGE_KEY_LOOKUPS) {
      // Key lookups for the days not kept: a range query scans the collection on servers without
      // secondary-index pushdown (FerretDB), key lookups never do.
      const read = new Map<IsoDate, DailyRates | null>();
      await Promise.all(missing.map(async (d) => read.set(d, await this.byDate(d, only))));
      return dates
        .map((d, i) => {
          const k = kept[i];
          return k === undefined ? read.get(d) : k === ABSENT ? null : k;
        })
        .filter((d): d is DailyRates => d !== null && d !== undefined);
    }
    const generation = this.generation;
    const days = await this.repo.findRange(from, to, STORAGE_BASE, this.choice(only));
    if (generation !== this.generation) return days;
    const found = new Map(days.map((d) => [d.date, d]));
    for (const date of dates) cache.set(cacheKey(date, only), found.get(date) ?? ABSENT);
    return days;
  }

  /** Drops what a change touched: the changed days, and every newest-day answer a changed day can alter. */
  private drop(dates: readonly IsoDate[], scope: ChangeScope): void {
    this.generation++;
    // Later requests must not join a read that started before the change.
    this.newestReads.clear();
    if (scope.everything) {
      this.cache?.clear();
      this.newest?.clear();
      return;
    }
    if (dates.length === 0) return;
    const changed = new Set<string>(dates);
    if (this.cache) {
      for (const key of [...this.cache.keys()]) if (changed.has(key.slice(0, 10))) this.cache.delete(key);
    }
    if (this.newest) {
      for (const [key, day] of [...this.newest.entries()]) {
        const onOrBefore = key.slice(0, key.indexOf('|'));
        // The newest day at or before X changes only if a day from it up to X changed.
        if (dates.some((d) => d >= day.date && (onOrBefore === '' || d <= onOrBefore))) this.newest.delete(key);
      }
    }
  }

  private choice(only: string | undefined): ProviderChoice {
    return only ? { only } : { prefer: this.prefer };
  }
}

/** The date first: a change to a day drops every entry of that date (see `drop`). */
const cacheKey = (date: IsoDate, only: string | undefined) => `${date}|${only ?? ''}`;
