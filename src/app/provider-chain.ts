import { isCurrencyNameSource, type CurrencyNameSource } from '../domain/currency-names.js';
import type { FetchedRates } from '../domain/daily-rates.js';
import { isNoPublicationError, isProviderError, ProviderError } from '../domain/errors.js';
import type { IsoDate } from '../domain/iso-date.js';
import type { Logger } from '../domain/logger.js';
import type { RateProvider } from '../domain/rate-provider.js';
import { isOutOfRun, RunScopedProvider, type ProviderFailure } from './run-scoped-provider.js';

/**
 * A failure another provider may not share: transient faults, an open circuit, a spent quota, or
 * anything wrong with this provider as a whole (a rejected key). A permanent answer about the day
 * itself (an invalid date, no data for it) would be the same elsewhere, so it is final.
 */
const worthFallingBack = (e: unknown): boolean =>
  isProviderError(e) && (e.kind !== 'permanent' || e.scope === 'provider');

/**
 * Several providers in order of preference, as one. Per day (and per range) it asks the first and,
 * on a failure worth it, the next; every day it returns says which provider it came from. Its name
 * is the preferred provider's: a day only a fallback delivered is fetched again by later runs, so
 * the preferred provider's numbers replace it when they become available.
 */
export class ProviderChain implements RateProvider, CurrencyNameSource {
  readonly name: string;

  constructor(
    private readonly providers: readonly RateProvider[],
    private readonly logger: Logger,
  ) {
    if (providers.length === 0) throw new Error('a provider chain needs at least one provider');
    this.name = providers[0]!.name;
  }

  /**
   * The chain for one run: each member is taken out of the run at its first provider-wide failure
   * (a rejected key), so later days go straight to the next provider without asking it again.
   */
  forRun(onFailure: (f: ProviderFailure) => void): ProviderChain {
    return new ProviderChain(
      this.providers.map((p) => new RunScopedProvider(p, onFailure)),
      this.logger,
    );
  }

  fetchDay(date: IsoDate, signal?: AbortSignal): Promise<FetchedRates> {
    return this.first(`day ${date}`, (p) => p.fetchDay(date, signal));
  }

  /**
   * The preferred provider's bulk answer; null when it has no bulk endpoint (the caller then goes day
   * by day, and each day falls back on its own). When it fails, the next provider's bulk answer.
   */
  fetchRange(from: IsoDate, to: IsoDate, signal?: AbortSignal): Promise<FetchedRates[] | null> {
    return this.first(`${from} to ${to}`, (p) => p.fetchRange(from, to, signal));
  }

  async fetchCurrencyNames(signal?: AbortSignal): Promise<Record<string, string>> {
    const sources = this.providers.filter((p): p is RateProvider & CurrencyNameSource => isCurrencyNameSource(p));
    // A source that is out of the run (its key was rejected) is not asked again.
    const usable = sources.find((p) => !(p instanceof RunScopedProvider && p.outOfRun));
    if (usable) return usable.fetchCurrencyNames(signal);
    if (sources[0] instanceof RunScopedProvider && sources[0].outOfRun) throw sources[0].outOfRun;
    return {};
  }

  private async first<T>(what: string, call: (p: RateProvider) => Promise<T>): Promise<T> {
    const errors: unknown[] = [];
    for (const [i, provider] of this.providers.entries()) {
      try {
        return await call(provider);
      } catch (e) {
        // The preferred provider saying "no publication" or "no such day" is the answer; a fallback saying
        // so only means it cannot stand in for the preferred one this time.
        if (i === 0 && !worthFallingBack(e)) throw e;
        errors.push(e);
        if (!worthFallingBack(e) && !isNoPublicationError(e)) break;
        // Already said once, when it was taken out of the run.
        if (i < this.providers.length - 1 && !isOutOfRun(e)) {
          this.logger.warn(
            { provider: provider.name, what, reason: (e as Error).message },
            'provider failed; trying the next',
          );
        }
      }
    }
    const first = errors[0] as ProviderError;
    // Provider-wide (stop the run) only when every provider is unusable as a whole.
    const allDown = errors.every((e) => isProviderError(e) && e.scope === 'provider');
    return Promise.reject(
      new ProviderError(
        this.name,
        first.kind,
        first.providerCode,
        `every provider failed: ${errors.map((e) => (e as Error).message).join('; ')}`,
        allDown ? 'provider' : 'request',
      ),
    );
  }
}
