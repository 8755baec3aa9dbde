import { STORAGE_BASE } from '../../domain/currency.js';
import { isProviderError, ProviderError } from '../../domain/errors.js';
import type { FetchedRates } from '../../domain/daily-rates.js';
import { addDays, type IsoDate } from '../../domain/iso-date.js';
import type { Logger } from '../../domain/logger.js';
import type { RateProvider } from '../../domain/rate-provider.js';
import type { RequestBudget } from '../../domain/request-budget.js';
import { policyFailure } from '../resilience/policy-outcome.js';
import { FIXER_PROVIDER, type FixerOptions } from './fixer-options.js';
import { describeCall, requestFixer, type FixerCall, type FixerRequestDeps } from './fixer-request.js';
import { toFetchedDay, toFetchedRange } from './parse-rates.js';
import type { FixerPolicy } from './policies.js';
import { redact } from './redact.js';
import { symbolsSchema } from './responses.js';
import { invalidResponse } from './classify.js';

/** Fixer's documented maximum time frame; chunks are 365 days counting both ends, within any reading of it. */
const MAX_RANGE_DAYS = 365;

/**
 * Fixer (classic data.fixer.io or APILayer) as a `RateProvider`: EUR base always, every answer validated
 * and classified, every attempt paid for from the shared request budget and run through the shared policy.
 */
export class FixerRateProvider implements RateProvider {
  readonly name = FIXER_PROVIDER;
  /** Set on the first 105 for timeseries in `auto` mode: the plan will not grow during this process. */
  private timeseriesRestricted = false;
  private readonly deps: FixerRequestDeps;

  constructor(
    private readonly options: FixerOptions,
    private readonly policy: FixerPolicy,
    budget: RequestBudget,
    private readonly logger: Logger,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.deps = { options, budget, logger, clock };
  }

  fetchDay(date: IsoDate, signal?: AbortSignal): Promise<FetchedRates> {
    return this.keyFree(async () => {
      const call = { endpoint: date, params: { base: STORAGE_BASE } };
      const body = await this.call(call, signal);
      return toFetchedDay(body, date, this.clock(), describeCall(call));
    });
  }

  /** Fixer's `/symbols`: the English name of every currency it quotes (costs one request). */
  fetchCurrencyNames(signal?: AbortSignal): Promise<Record<string, string>> {
    return this.keyFree(async () => {
      const call = { endpoint: 'symbols', params: {} };
      const parsed = symbolsSchema.safeParse(await this.call(call, signal));
      if (!parsed.success) throw invalidResponse('INVALID_RESPONSE', describeCall(call), 'not a symbols list');
      return parsed.data.symbols;
    });
  }

  fetchRange(from: IsoDate, to: IsoDate, signal?: AbortSignal): Promise<FetchedRates[] | null> {
    return this.keyFree(() => this.range(from, to, signal));
  }

  private async range(from: IsoDate, to: IsoDate, signal?: AbortSignal): Promise<FetchedRates[] | null> {
    if (this.options.timeseries === 'off' || this.timeseriesRestricted) return null;
    const days: FetchedRates[] = [];
    for (let start = from; start <= to; start = addDays(start, MAX_RANGE_DAYS)) {
      const last = addDays(start, MAX_RANGE_DAYS - 1);
      const end = last < to ? last : to;
      const call = { endpoint: 'timeseries', params: { start_date: start, end_date: end, base: STORAGE_BASE } };
      let body: unknown;
      try {
        body = await this.call(call, signal);
      } catch (e) {
        if (this.options.timeseries === 'auto' && isProviderError(e) && e.providerCode === 105) {
          this.timeseriesRestricted = true;
          this.logger.info(
            { provider: FIXER_PROVIDER },
            'fixer: plan does not allow timeseries (105); fetching day by day from now on',
          );
          return null;
        }
        throw e;
      }
      days.push(...toFetchedRange(body, start, end, this.clock(), describeCall(call)));
    }
    return days;
  }

  /**
   * Last line of defence: a server that echoes the key back (in a message, or as a field value quoted
   * by validation) must not get it into an error that will be logged or stored.
   */
  private async keyFree<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (e) {
      if (!isProviderError(e) || !e.message.includes(this.options.apiKey)) throw e;
      const message = redact(e.message.replace(/^fixer: /, ''), this.options.apiKey);
      throw new ProviderError(FIXER_PROVIDER, e.kind, e.providerCode, message, e.scope);
    }
  }

  private async call(call: FixerCall, signal?: AbortSignal): Promise<unknown> {
    try {
      return await this.policy.execute(({ signal: attempt }) => requestFixer(call, this.deps, attempt), signal);
    } catch (e) {
      throw this.translate(e, call, signal);
    }
  }

  /**
   * Policy outcomes become domain errors. Anything else came from the budget or the logger, never from
   * fetch (requestFixer wraps every fetch failure), so it cannot hold the key and is passed on as is.
   */
  private translate(e: unknown, call: FixerCall, signal?: AbortSignal): Error {
    if (isProviderError(e)) return e;
    const outcome = policyFailure(e, {
      provider: FIXER_PROVIDER,
      what: describeCall(call),
      timeoutMs: this.options.timeoutMs,
      breakerHalfOpenMs: this.options.breakerHalfOpenMs,
      signal,
    });
    if (outcome) return outcome;
    return e instanceof Error ? e : new Error(redact(String(e), this.options.apiKey));
  }
}
