import { isCurrencyNameSource, type CurrencyNameSource } from '../domain/currency-names.js';
import type { FetchedRates } from '../domain/daily-rates.js';
import { isProviderError, ProviderError } from '../domain/errors.js';
import type { IsoDate } from '../domain/iso-date.js';
import type { RateProvider } from '../domain/rate-provider.js';

/** A provider failure as a run reports it: the root cause, and the days it cost (a span for a bulk request). */
export interface ProviderFailure {
  readonly provider: string;
  /** What went wrong, without the request it happened to: the same words for every day it cost. */
  readonly cause: string;
  /** The failure concerns every request of the provider: it is out of the rest of the run. */
  readonly providerWide: boolean;
  readonly days: { readonly from: IsoDate; readonly to: IsoDate };
}

/** The error a provider that is out of the run answers with: no request was sent. */
export class OutOfRunError extends ProviderError {
  readonly outOfRun = true;
}

export const isOutOfRun = (e: unknown): e is OutOfRunError => isProviderError(e) && 'outOfRun' in e;

/** A provider that can hand out run-scoped copies of itself (a chain scopes each of its members). */
interface RunScopable {
  forRun(onFailure: (f: ProviderFailure) => void): RateProvider;
}

/** The provider as one run sees it: `forRun` when it has one, else the provider wrapped alone. */
export function scopeToRun(provider: RateProvider, onFailure: (f: ProviderFailure) => void): RateProvider {
  const scopable = provider as RateProvider & Partial<RunScopable>;
  return scopable.forRun ? scopable.forRun(onFailure) : new RunScopedProvider(provider, onFailure);
}

/** `GET /2024-01-02?base=EUR failed with ...` → `failed with ...`: the request differs per day, the cause does not. */
const withoutRequest = (message: string, provider: string): string =>
  message
    .replace(new RegExp(`^${provider}: `), '')
    .replace(/^(GET|POST) \S+ /, '')
    .replace(/^(not sent|failed): /, '');

/**
 * One provider for the length of one run. At the first provider-wide failure (a rejected key, a spent
 * quota, an open circuit) it is out of the run: later calls, concurrent ones included, fail at once
 * without a request, with that first cause. Every failure is told to `onFailure` with its root cause:
 * an open circuit is reported as the failure that opened it.
 */
export class RunScopedProvider implements RateProvider, Partial<CurrencyNameSource> {
  readonly name: string;
  /** Present exactly when the wrapped provider names currencies; refused once the provider is out of the run. */
  readonly fetchCurrencyNames?: CurrencyNameSource['fetchCurrencyNames'];
  private out: OutOfRunError | null = null;
  private lastCause: string | null = null;

  constructor(
    private readonly inner: RateProvider,
    private readonly onFailure: (f: ProviderFailure) => void,
  ) {
    this.name = inner.name;
    if (isCurrencyNameSource(inner)) {
      this.fetchCurrencyNames = (s) => (this.out ? Promise.reject(this.out) : inner.fetchCurrencyNames(s));
    }
  }

  /** Why this provider is out of the run, if it is. */
  get outOfRun(): OutOfRunError | null {
    return this.out;
  }

  fetchDay(date: IsoDate, signal?: AbortSignal): Promise<FetchedRates> {
    return this.call(date, date, () => this.inner.fetchDay(date, signal));
  }

  fetchRange(from: IsoDate, to: IsoDate, signal?: AbortSignal): Promise<FetchedRates[] | null> {
    return this.call(from, to, () => this.inner.fetchRange(from, to, signal));
  }

  private async call<T>(from: IsoDate, to: IsoDate, send: () => Promise<T>): Promise<T> {
    if (this.out) {
      this.report(this.out, from, to);
      throw this.out;
    }
    try {
      return await send();
    } catch (e) {
      if (!isProviderError(e)) throw e;
      if (e.scope === 'provider' && !this.out) {
        this.out = new OutOfRunError(
          e.provider,
          e.kind,
          e.providerCode,
          `out of this run: ${this.rootCause(e)}`,
          'provider',
        );
      }
      this.report(e, from, to);
      throw e;
    }
  }

  private report(e: ProviderError, from: IsoDate, to: IsoDate): void {
    this.onFailure({
      provider: this.name,
      cause: this.rootCause(e),
      providerWide: e.scope === 'provider',
      days: { from, to },
    });
  }

  /** The failure that opened the circuit explains the days the open circuit cost. */
  private rootCause(e: ProviderError): string {
    if (e === this.out) return withoutRequest(e.message, e.provider).replace(/^out of this run: /, '');
    if (e.providerCode === 'CIRCUIT_OPEN' && this.lastCause) return this.lastCause;
    const cause = withoutRequest(e.message, e.provider);
    if (e.providerCode !== 'CIRCUIT_OPEN') this.lastCause = cause;
    return cause;
  }
}
