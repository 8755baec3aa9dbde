import type { FetchedRates } from './daily-rates.js';
import type { IsoDate } from './iso-date.js';

/**
 * A source of daily rates. Always quoted against EUR (the storage base); other bases are derived
 * when serving. Failures are thrown as `ProviderError` (transient, quota or permanent).
 */
export interface RateProvider {
  /** Short stable name stored with every day it delivers, e.g. `fixer`. */
  readonly name: string;
  /** Rates for one past or current day. */
  fetchDay(date: IsoDate, signal?: AbortSignal): Promise<FetchedRates>;
  /**
   * Rates for each day from `from` to `to` inclusive in bulk (few requests), or null when this
   * provider or its plan has no bulk endpoint: the caller then fetches day by day. Days the
   * provider has no data for are absent from the result.
   */
  fetchRange(from: IsoDate, to: IsoDate, signal?: AbortSignal): Promise<FetchedRates[] | null>;
}
