import { inject, injectable } from 'tsyringe';
import type { CurrencyCode } from '../domain/currency.js';
import type { DailyRates } from '../domain/daily-rates.js';
import { RangeTooLargeError, type DomainError } from '../domain/errors.js';
import { daysBetween, eachDate, type IsoDate } from '../domain/iso-date.js';
import { err, ok, type Result } from '../domain/result.js';
import { asOfValidity, rangeValidity, type AnswerValidity } from './answer-validity.js';
import { parseAsOf } from './as-of.js';
import { parseCurrencyParams } from './currency-params.js';
import { HistoryReader } from './history-reader.js';
import { parsePastRange } from './past-date.js';
import { RateReader } from './rate-reader.js';
import { view, type RatesView } from './rates-view.js';
import { TOKENS, type Clock } from './tokens.js';

/** Days per request for all currencies: a year of ~170 currencies is about 1 MB of JSON. */
export const MAX_RANGE_DAYS = 366;
/** With at most MAX_NARROW_SYMBOLS currencies the answer stays small for much longer spans. */
export const MAX_NARROW_RANGE_DAYS = 5 * 366;
export const MAX_NARROW_SYMBOLS = 10;

/** What every range asks, as JSON or as a stream: the span, and whose rates against which base. */
export interface RangeSpanQuery {
  readonly from: string;
  /** Default: today (UTC). */
  readonly to?: string | undefined;
  readonly base?: string | undefined;
  readonly symbols?: readonly string[] | undefined;
  readonly provider?: string | undefined;
}

export interface GetRangeQuery extends RangeSpanQuery {
  /**
   * `previous`: when `from` itself is not stored (a weekend, a holiday), start at the newest stored day
   * within FALLBACK_DAYS before it, the rule a single day follows, so that a range and a day agree.
   */
  readonly fallback?: 'none' | 'previous' | undefined;
  /** Every day as the service would have answered at this instant (RFC 3339, or a date: end of that UTC day). */
  readonly asOf?: string | undefined;
}

export interface RangeView {
  /** The first day the range covers: `requestedFrom`, or the earlier day a fallback started at. */
  readonly from: IsoDate;
  /** Set when a fallback moved the start before the day asked. */
  readonly requestedFrom?: IsoDate;
  readonly to: IsoDate;
  /** The base every day is quoted against (asked, or DEFAULT_BASE). */
  readonly base: CurrencyCode;
  /** One entry per stored day in the range, ascending. */
  readonly days: RatesView[];
  readonly validity: AnswerValidity;
  /** The instant answered for, when `asOf` was asked. */
  readonly asOf?: Date;
}

/** Every stored day in a range, against any base, for some or all currencies. */
@injectable()
export class GetRange {
  constructor(
    @inject(RateReader) private readonly reader: RateReader,
    @inject(TOKENS.Clock) private readonly now: Clock,
    @inject(TOKENS.Config)
    private readonly config: { readonly DEFAULT_BASE: string; readonly PROVIDERS: readonly string[] },
    @inject(HistoryReader) private readonly history: HistoryReader,
  ) {}

  async execute(q: GetRangeQuery): Promise<Result<RangeView, DomainError>> {
    const now = this.now();
    const bounds = parsePastRange(q.from, q.to, now);
    if (!bounds.ok) return bounds;
    const { from, to } = bounds.value;
    const params = parseCurrencyParams(q.base, q.symbols, this.config.DEFAULT_BASE);
    if (!params.ok) return params;
    const span = daysBetween(from, to) + 1;
    const narrow = params.value.symbols.length > 0 && params.value.symbols.length <= MAX_NARROW_SYMBOLS;
    const limit = narrow ? MAX_NARROW_RANGE_DAYS : MAX_RANGE_DAYS;
    if (span > limit) {
      return err(
        new RangeTooLargeError(
          `${span} days asked; at most ${MAX_RANGE_DAYS} days per request, or ${MAX_NARROW_RANGE_DAYS} days ` +
            `when symbols names at most ${MAX_NARROW_SYMBOLS} currencies, in JSON; ask for format=csv or ` +
            `format=ndjson (streamed, no limit), or group=week|month (one entry per period)`,
        ),
      );
    }
    let asOf: Date | undefined;
    if (q.asOf !== undefined) {
      const at = parseAsOf(q.asOf, now);
      if (!at.ok) return at;
      asOf = at.value;
    }
    const stored = asOf
      ? await this.history.range(from, to, asOf, q.provider)
      : await this.reader.range(from, to, q.provider);
    const earlier = q.fallback === 'previous' ? await this.dayBefore(from, stored, q.provider, asOf) : null;
    const days: RatesView[] = [];
    for (const day of earlier ? [earlier, ...stored] : stored) {
      const v = view(day, params.value.base, params.value.symbols);
      if (!v.ok) return v;
      days.push(v.value);
    }
    const first = earlier?.date ?? from;
    const validity = asOf
      ? asOfValidity(asOf, now, eachDate(first, to))
      : rangeValidity(
          first,
          to,
          earlier ? [earlier, ...stored] : stored,
          now,
          { prefer: this.config.PROVIDERS, only: q.provider },
          earlier !== null,
        );
    const answer: RangeView = earlier
      ? { from: earlier.date, requestedFrom: from, to: to, base: params.value.base, days, validity }
      : { from: from, to: to, base: params.value.base, days, validity };
    return ok(asOf ? { ...answer, asOf } : answer);
  }

  /** The day a fallback starts at, when `from` has no day of its own. */
  private async dayBefore(from: IsoDate, stored: readonly DailyRates[], provider: string | undefined, asOf?: Date) {
    if (stored[0]?.date === from) return null;
    return asOf ? this.history.dayBefore(from, asOf, provider) : this.reader.dayBefore(from, provider);
  }
}
