import { inject, injectable } from 'tsyringe';
import { STORAGE_BASE, type CurrencyCode } from '../domain/currency.js';
import type { CurrencyCatalog } from '../domain/currency-catalog.js';
import { UnknownCurrencyError, type DomainError } from '../domain/errors.js';
import { groupDays, type ObservedDay, type PeriodRates } from '../domain/group-days.js';
import { daysBetween, type IsoDate } from '../domain/iso-date.js';
import type { Grouping } from '../domain/period.js';
import type { ProviderChoice } from '../domain/provider-choice.js';
import type { RateRepository } from '../domain/rate-repository.js';
import { pickSymbols, rebase } from '../domain/rebase.js';
import { err, ok, type Result } from '../domain/result.js';
import { rangeValidity, SHORT_MAX_AGE, type AnswerValidity } from './answer-validity.js';
import { parseCurrencyParams } from './currency-params.js';
import { MAX_RANGE_DAYS, type RangeSpanQuery } from './get-range.js';
import { RateReader } from './rate-reader.js';
import { parsePastRange } from './past-date.js';
import { primed } from './primed.js';
import { TOKENS, type Clock } from './tokens.js';

export interface ExportRangeQuery extends RangeSpanQuery {
  readonly group?: Grouping | undefined;
}

/** A day of an export: the served rates (any base, the asked symbols) and the provider they came from. */
export interface ExportDay extends ObservedDay {
  readonly base: CurrencyCode;
}

interface ExportHead {
  readonly from: IsoDate;
  /** The last day asked for: `to`, or today when it was left out. */
  readonly to: IsoDate;
  readonly base: CurrencyCode;
  /** Currencies in column order: the symbols asked, else every currency with a rate in the range (by code). */
  readonly currencies: readonly CurrencyCode[];
  /** The newest stored day in the range, null when it holds none: what an open-ended range reached. */
  readonly lastDate: IsoDate | null;
  /** How long the answer stays true, decided before its first byte (see `validityOf`). */
  readonly validity: AnswerValidity;
}

/** A range as a stream of days, or of periods when grouped; nothing but the current day or period is in memory. */
export type RangeExport =
  | (ExportHead & { readonly group: undefined; readonly rows: AsyncIterable<ExportDay> })
  | (ExportHead & { readonly group: Grouping; readonly rows: AsyncIterable<PeriodRates> });

/**
 * Any range of the stored history, whole history included, streamed from storage in date order. The
 * checks that can fail (dates, currencies) and the first read from storage happen in `execute`, before a
 * caller sends anything, so that such failures are ordinary error answers, never a broken stream.
 * A day on which the base has no rate (a currency that started later) is left out; a symbol without a
 * rate on some day is simply absent from that day.
 */
@injectable()
export class ExportRange {
  private readonly prefer: readonly string[];

  constructor(
    @inject(TOKENS.RateRepository) private readonly repo: RateRepository,
    @inject(RateReader) private readonly reader: RateReader,
    @inject(TOKENS.CurrencyCatalog) private readonly catalog: CurrencyCatalog,
    @inject(TOKENS.Clock) private readonly now: Clock,
    @inject(TOKENS.Config) config: { readonly DEFAULT_BASE: string; readonly PROVIDERS: readonly string[] },
  ) {
    this.defaultBase = config.DEFAULT_BASE;
    this.prefer = config.PROVIDERS;
  }

  private readonly defaultBase: string;

  async execute(q: ExportRangeQuery): Promise<Result<RangeExport, DomainError>> {
    const now = this.now();
    const bounds = parsePastRange(q.from, q.to, now);
    if (!bounds.ok) return bounds;
    const { from, to } = bounds.value;
    const params = parseCurrencyParams(q.base, q.symbols, this.defaultBase);
    if (!params.ok) return params;
    const { base, symbols } = params.value;
    const known = await this.currenciesIn(from, to, q.provider);
    const unknown = [base, ...symbols].filter((c) => !known.has(c));
    if (unknown.length > 0) {
      return err(new UnknownCurrencyError(unknown, `any day from ${from} to ${to}`));
    }
    const currencies = symbols.length > 0 ? symbols : [...known].sort();
    const choice: ProviderChoice = q.provider !== undefined ? { only: q.provider } : { prefer: this.prefer };
    const newest = await this.repo.findLatest(STORAGE_BASE, to, choice);
    const lastDate = newest && newest.date >= from ? newest.date : null;
    const days = this.days(from, to, base, symbols, choice);
    const validity = await this.validityOf(from, to, q.provider, now);
    const head = { from: from, to: to, base, currencies, lastDate, validity };
    // The first read happens now: a database that is down is a 503 before anything is sent.
    return q.group === undefined
      ? ok({ ...head, group: undefined, rows: await primed(days) })
      : ok({ ...head, group: q.group, rows: await primed(groupDays(days, q.group)) });
  }

  private async *days(
    from: IsoDate,
    to: IsoDate,
    base: CurrencyCode,
    symbols: readonly CurrencyCode[],
    choice: ProviderChoice,
  ): AsyncGenerator<ExportDay> {
    for await (const stored of this.repo.streamRange(from, to, STORAGE_BASE, choice)) {
      const rebased = rebase(stored.rates, stored.base, base);
      if (!rebased) continue;
      const rates = symbols.length > 0 ? pickSymbols(rebased, symbols).rates : rebased;
      yield { date: stored.date, base, provider: stored.provider, rates };
    }
  }

  /**
   * A stream's headers go before its days are read, so its validity is settled first: a range within
   * the JSON limit is judged like a JSON range (its days come from the day cache); a longer one is
   * short-lived, since proving every day of it settled would mean reading it twice.
   */
  private async validityOf(from: IsoDate, to: IsoDate, provider: string | undefined, now: Date) {
    if (daysBetween(from, to) + 1 <= MAX_RANGE_DAYS) {
      const days = await this.reader.range(from, to, provider);
      return rangeValidity(from, to, days, now, { prefer: this.prefer, only: provider }, false);
    }
    return longRangeValidity(now);
  }

  /** Currencies with a stored rate on some day of the range (the storage base always has one). */
  private async currenciesIn(from: IsoDate, to: IsoDate, provider: string | undefined): Promise<Set<CurrencyCode>> {
    const all = await this.catalog.list();
    const inRange = all.filter(
      (c) => c.firstDate <= to && c.lastDate >= from && (provider === undefined || c.providers.includes(provider)),
    );
    return new Set([STORAGE_BASE, ...inRange.map((c) => c.code as CurrencyCode)]);
  }
}

/** Clients keep a long stream briefly; this service's caches never keep a stream at all. */
const longRangeValidity = (now: Date): AnswerValidity => ({
  immutable: false,
  maxAgeSeconds: SHORT_MAX_AGE,
  validUntil: new Date(now.getTime() + SHORT_MAX_AGE * 1000),
  dates: [],
  newest: false,
  catalog: false,
});
