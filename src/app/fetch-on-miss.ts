import { inject, injectable } from 'tsyringe';
import type { DailyRates } from '../domain/daily-rates.js';
import { isNoPublicationError } from '../domain/errors.js';
import type { IsoDate } from '../domain/iso-date.js';
import type { RateProvider } from '../domain/rate-provider.js';
import { RateReader } from './rate-reader.js';
import { isCatalogUpdateError, RateStore } from './rate-store.js';
import { TOKENS } from './tokens.js';

/**
 * Fetches a missing past day from the provider when a client asks for it (`FETCH_ON_MISS`), stores
 * it, and returns it. Concurrent requests for the same day share one provider call.
 */
@injectable()
export class FetchOnMiss {
  private readonly inflight = new Map<string, Promise<DailyRates | null>>();

  constructor(
    @inject(TOKENS.OptionalRateProvider) private readonly provider: RateProvider | null,
    @inject(RateStore) private readonly store: RateStore,
    @inject(RateReader) private readonly reader: RateReader,
    @inject(TOKENS.Config) private readonly config: { readonly FETCH_ON_MISS: boolean },
  ) {}

  /** True when a missing day can be fetched (for `only`: when that is the configured provider). */
  appliesTo(only?: string): boolean {
    return this.config.FETCH_ON_MISS && this.provider !== null && (!only || only === this.provider.name);
  }

  /**
   * The day, or null when the provider published nothing for it. Provider failures are thrown. `only`
   * is the caller's: with a chain the day may come from a fallback provider, so it is read back the way
   * the caller reads (by preference unless a provider was named), not as the first provider's.
   */
  fetch(date: IsoDate, only?: string): Promise<DailyRates | null> {
    const key = `${date}|${only ?? ''}`;
    let pending = this.inflight.get(key);
    if (!pending) {
      pending = this.fetchOnce(date, only).finally(() => this.inflight.delete(key));
      this.inflight.set(key, pending);
    }
    return pending;
  }

  private async fetchOnce(date: IsoDate, only: string | undefined): Promise<DailyRates | null> {
    // A request that missed just before another's fetch stored the day finds it here, not at the provider.
    const stored = await this.reader.byDate(date, only);
    if (stored) return stored;
    try {
      await this.store.store([await this.provider!.fetchDay(date)]);
    } catch (e) {
      if (isNoPublicationError(e)) return null;
      // The day is stored (only the currency list lags): serve it.
      if (!isCatalogUpdateError(e)) throw e;
    }
    return this.reader.byDate(date, only);
  }
}
