import { inject, injectable } from 'tsyringe';
import type { CurrencyCatalog } from '../domain/currency-catalog.js';
import type { FetchedRates } from '../domain/daily-rates.js';
import type { DataGeneration } from '../domain/data-generation.js';
import { changedDates, writtenDates, type RateRepository, type UpsertReport } from '../domain/rate-repository.js';
import type { RatesChangeFeed } from './rates-change-feed.js';
import { TOKENS, type Clock } from './tokens.js';

/**
 * The days were stored (and their change recorded and published), but the currency catalog could not
 * be widened with them: not a storage failure of the days, and no reason to stop a run.
 */
export class CatalogUpdateError extends Error {
  constructor(
    readonly report: UpsertReport,
    readonly reason: string,
  ) {
    super(`the currency catalog could not be updated: ${reason}`);
    this.name = 'CatalogUpdateError';
  }
}

export const isCatalogUpdateError = (e: unknown): e is CatalogUpdateError => e instanceof CatalogUpdateError;

/**
 * The one way fetched days are stored: the idempotent upsert (at the service's time, kept in each day's
 * history), then the currency catalog, then the change (only days whose stored data changed: new or
 * different values, a provisional day now final, a later fetch added to a day's history) recorded under
 * the next data generation, which every process follows, and published to this process's caches at once.
 */
@injectable()
export class RateStore {
  constructor(
    @inject(TOKENS.RateRepository) private readonly repo: RateRepository,
    @inject(TOKENS.CurrencyCatalog) private readonly catalog: CurrencyCatalog,
    @inject(TOKENS.DataGeneration) private readonly generation: DataGeneration,
    @inject(TOKENS.RatesChangeFeed) private readonly feed: RatesChangeFeed,
    @inject(TOKENS.Clock) private readonly now: Clock,
  ) {}

  async store(days: readonly FetchedRates[]): Promise<UpsertReport> {
    if (days.length === 0) return { inserted: [], updated: [], unchanged: [] };
    // Stored at the service's time, the time `as_of` queries are asked in.
    const report = await this.repo.upsertMany(days, this.now());
    const changed = changedDates(report);
    // A later fetch of unchanged values is a change too: a new state in the day's history.
    const written = writtenDates(report);
    let catalogFailure: string | null = null;
    try {
      // Only new or different values can widen a currency's span.
      if (changed.length > 0) await this.catalog.record(days.filter((d) => changed.includes(d.date)));
    } catch (e) {
      catalogFailure = (e as Error).message;
    }
    if (written.length > 0) {
      // The days are stored whatever happened to the catalog: every cache must hear of them.
      const catalog = changed.length > 0;
      this.feed.publish(written, { catalog });
      await this.generation.record({ dates: written, catalog });
    }
    if (catalogFailure !== null) throw new CatalogUpdateError(report, catalogFailure);
    return report;
  }

  /** Remembers currency names and makes every process's currency list hear of them. */
  async setNames(names: Readonly<Record<string, string>>): Promise<void> {
    await this.catalog.setNames(names);
    this.feed.publish([], { catalog: true });
    await this.generation.record({ dates: [], catalog: true });
  }
}
