import type { FetchedRates } from '../domain/daily-rates.js';
import { isNoPublicationError, isProviderError } from '../domain/errors.js';
import type { IsoDate } from '../domain/iso-date.js';
import type { RateProvider } from '../domain/rate-provider.js';
import type { IngestionMetrics } from './ingestion-metrics.js';
import { isCurrencyNameSource, type CurrencyNameSource } from '../domain/currency-names.js';

/**
 * Counts every call to a provider by outcome (ok, transient, quota, permanent) for monitoring,
 * without the provider knowing. "No publication" is an answer, so it counts as ok.
 */
export class MeteredProvider implements RateProvider, Partial<CurrencyNameSource> {
  readonly name: string;
  /** Present exactly when the wrapped provider names currencies (Fixer's `/symbols`), counted the same way. */
  readonly fetchCurrencyNames?: CurrencyNameSource['fetchCurrencyNames'];

  constructor(
    private readonly inner: RateProvider,
    private readonly metrics: IngestionMetrics,
  ) {
    this.name = inner.name;
    if (isCurrencyNameSource(inner)) this.fetchCurrencyNames = (s) => this.count(inner.fetchCurrencyNames(s));
  }

  fetchDay(date: IsoDate, signal?: AbortSignal): Promise<FetchedRates> {
    return this.count(this.inner.fetchDay(date, signal));
  }

  fetchRange(from: IsoDate, to: IsoDate, signal?: AbortSignal): Promise<FetchedRates[] | null> {
    return this.count(this.inner.fetchRange(from, to, signal));
  }

  private async count<T>(call: Promise<T>): Promise<T> {
    try {
      const value = await call;
      this.metrics.providerCall(this.name, 'ok');
      return value;
    } catch (e) {
      if (isNoPublicationError(e)) this.metrics.providerCall(this.name, 'ok');
      else if (isProviderError(e)) this.metrics.providerCall(this.name, e.kind);
      throw e;
    }
  }
}
