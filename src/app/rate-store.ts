import { inject, injectable } from 'tsyringe';
import type { CurrencyCatalog } from '../domain/currency-catalog.js';
import type { FetchedRates } from '../domain/daily-rates.js';
import type { RateRepository, UpsertReport } from '../domain/rate-repository.js';
import type { RatesChangeFeed } from './rates-change-feed.js';
import { TOKENS, type Clock } from './tokens.js';

/**
 * The one way fetched days are stored: the idempotent upsert, then the currency catalog, then a
 * notice to this process's caches for every day stored (inserted, updated, or confirmed unchanged).
 */
@injectable()
export class RateStore {
  constructor(
    @inject(TOKENS.RateRepository) private readonly repo: RateRepository,
    @inject(TOKENS.CurrencyCatalog) private readonly catalog: CurrencyCatalog,
    @inject(TOKENS.RatesChangeFeed) private readonly feed: RatesChangeFeed,
    @inject(TOKENS.Clock) private readonly now: Clock,
  ) {}

  async store(days: readonly FetchedRates[]): Promise<UpsertReport> {
    if (days.length === 0) return { inserted: [], updated: [], unchanged: [] };
    // Stored at the service's time, the time `as_of` queries are asked in.
    const report = await this.repo.upsertMany(days, this.now());
    await this.catalog.record(days);
    // Unchanged days are published too: a provisional day just confirmed final may now be cached longer.
    this.feed.publish([...report.inserted, ...report.updated, ...report.unchanged]);
    return report;
  }
}
