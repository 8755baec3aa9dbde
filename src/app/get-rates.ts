import { inject, injectable } from 'tsyringe';
import type { DailyRates } from '../domain/daily-rates.js';
import { isProviderError, NotStoredAtError, RatesNotFoundError, type DomainError } from '../domain/errors.js';
import { eachDate, type IsoDate } from '../domain/iso-date.js';
import { err, ok, type Result } from '../domain/result.js';
import { asOfValidity, dayValidity, type AnswerValidity } from './answer-validity.js';
import { parseCurrencyParams } from './currency-params.js';
import { parseAsOf } from './as-of.js';
import { FetchOnMiss } from './fetch-on-miss.js';
import { HistoryReader } from './history-reader.js';
import { parsePastDate } from './past-date.js';
import { RateReader } from './rate-reader.js';
import { view, type RatesView } from './rates-view.js';
import { TOKENS, type Clock } from './tokens.js';

export interface GetRatesQuery {
  readonly date: string;
  readonly base?: string | undefined;
  readonly symbols?: readonly string[] | undefined;
  /** `previous`: serve the newest stored day within FALLBACK_DAYS before a missing one, saying so. */
  readonly fallback?: 'none' | 'previous' | undefined;
  /** Only this provider's numbers. */
  readonly provider?: string | undefined;
  /** Answer as the service would have at this instant (RFC 3339, or a date: the end of that UTC day). */
  readonly asOf?: string | undefined;
}

export interface DayRatesView extends RatesView {
  /** The day asked for; differs from `date` when a fallback served an earlier day. */
  readonly requestedDate: IsoDate;
  readonly validity: AnswerValidity;
  /** The instant answered for, when `asOf` was asked. */
  readonly asOf?: Date;
}

/** Rates of one day, against any base, for some or all currencies. */
@injectable()
export class GetRates {
  constructor(
    @inject(RateReader) private readonly reader: RateReader,
    @inject(FetchOnMiss) private readonly fetchOnMiss: FetchOnMiss,
    @inject(TOKENS.Clock) private readonly now: Clock,
    @inject(TOKENS.Config)
    private readonly config: { readonly DEFAULT_BASE: string; readonly PROVIDERS: readonly string[] },
    @inject(HistoryReader) private readonly history: HistoryReader,
  ) {}

  async execute(q: GetRatesQuery): Promise<Result<DayRatesView, DomainError>> {
    const date = parsePastDate(q.date, this.now());
    if (!date.ok) return date;
    const params = parseCurrencyParams(q.base, q.symbols, this.config.DEFAULT_BASE);
    if (!params.ok) return params;
    if (q.asOf !== undefined) {
      const now = this.now();
      const asOf = parseAsOf(q.asOf, now);
      if (!asOf.ok) return asOf;
      const at = await this.history.byDate(date.value, asOf.value, q.provider);
      const day =
        at.day ?? (q.fallback === 'previous' ? await this.history.dayBefore(date.value, asOf.value, q.provider) : null);
      if (!day) return err(new NotStoredAtError(date.value, asOf.value, at.firstStoredAt));
      const v = view(day, params.value.base, params.value.symbols);
      if (!v.ok) return v;
      const validity = asOfValidity(asOf.value, now, eachDate(day.date, date.value));
      return ok({ ...v.value, requestedDate: date.value, asOf: asOf.value, validity });
    }

    const day = await this.find(date.value, q);
    if (!day) return err(new RatesNotFoundError(date.value));
    const v = view(day, params.value.base, params.value.symbols);
    if (!v.ok) return v;
    const preference = { prefer: this.config.PROVIDERS, only: q.provider };
    const exact = day.date === date.value;
    const validity = dayValidity(day, this.now(), preference, exact, date.value);
    return ok({ ...v.value, requestedDate: date.value, validity });
  }

  private async find(date: IsoDate, q: GetRatesQuery): Promise<DailyRates | null> {
    const stored = await this.reader.byDate(date, q.provider);
    if (stored) return stored;
    if (this.fetchOnMiss.appliesTo(q.provider)) {
      try {
        const fetched = await this.fetchOnMiss.fetch(date, q.provider);
        if (fetched) return fetched;
      } catch (e) {
        // Asked for a fallback, the client prefers an earlier day (labelled as such) to a provider error.
        if (!isProviderError(e) || q.fallback !== 'previous') throw e;
      }
    }
    if (q.fallback !== 'previous') return null;
    return this.reader.dayBefore(date, q.provider);
  }
}
