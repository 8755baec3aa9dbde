import { LRUCache } from 'lru-cache';
import { inject, injectable } from 'tsyringe';
import { STORAGE_BASE } from '../domain/currency.js';
import { isProvisional, type DailyRates } from '../domain/daily-rates.js';
import type { IsoDate } from '../domain/iso-date.js';
import type { ProviderChoice } from '../domain/provider-choice.js';
import type { RateRepository } from '../domain/rate-repository.js';
import type { RatesChangeFeed } from './rates-change-feed.js';
import { TOKENS } from './tokens.js';

/** A final day rarely changes (only an explicit refresh can change it); the age bound covers other processes' refreshes. */
const FINAL_TTL_MS = 60 * 60_000;
/** A provisional day changes with the next ingestion, possibly in another process. */
const PROVISIONAL_TTL_MS = 60_000;

/**
 * Reads stored days (base EUR) with the configured provider preference, keeping hot days in memory
 * (`CACHE_MAX_DAYS`). Entries are dropped when this process stores new values for their day.
 */
@injectable()
export class RateReader {
  private readonly cache: LRUCache<string, DailyRates> | null;
  private readonly prefer: readonly string[];

  constructor(
    @inject(TOKENS.RateRepository) private readonly repo: RateRepository,
    @inject(TOKENS.RatesChangeFeed) feed: RatesChangeFeed,
    @inject(TOKENS.Config) config: { readonly CACHE_MAX_DAYS: number; readonly PROVIDERS: readonly string[] },
  ) {
    this.prefer = config.PROVIDERS;
    this.cache = config.CACHE_MAX_DAYS > 0 ? new LRUCache({ max: config.CACHE_MAX_DAYS }) : null;
    feed.subscribe((dates) => {
      if (!this.cache) return;
      const changed = new Set<string>(dates);
      for (const key of [...this.cache.keys()]) if (changed.has(key.slice(0, 10))) this.cache.delete(key);
    });
  }

  async byDate(date: IsoDate, only?: string): Promise<DailyRates | null> {
    const key = `${date}|${only ?? ''}`;
    const hit = this.cache?.get(key);
    if (hit) return hit;
    const day = await this.repo.findByDate(date, STORAGE_BASE, this.choice(only));
    if (day) this.cache?.set(key, day, { ttl: isProvisional(day) ? PROVISIONAL_TTL_MS : FINAL_TTL_MS });
    return day;
  }

  latest(onOrBefore?: IsoDate, only?: string): Promise<DailyRates | null> {
    return this.repo.findLatest(STORAGE_BASE, onOrBefore, this.choice(only));
  }

  range(from: IsoDate, to: IsoDate, only?: string): Promise<DailyRates[]> {
    return this.repo.findRange(from, to, STORAGE_BASE, this.choice(only));
  }

  private choice(only: string | undefined): ProviderChoice {
    return only ? { only } : { prefer: this.prefer };
  }
}
