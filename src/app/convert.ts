import { inject, injectable } from 'tsyringe';
import type { CurrencyCode } from '../domain/currency.js';
import type { DailyRates } from '../domain/daily-rates.js';
import {
  InvalidAmountError,
  NothingStoredError,
  NotStoredAtError,
  RatesNotFoundError,
  type DomainError,
} from '../domain/errors.js';
import { utcDateOf } from '../domain/iso-date.js';
import { roundDerived } from '../domain/rebase.js';
import { err, ok, type Result } from '../domain/result.js';
import { asOfValidity, dayValidity, latestValidity, type AnswerValidity } from './answer-validity.js';
import { parseAsOf } from './as-of.js';
import { parseCurrencyParams } from './currency-params.js';
import { HistoryReader } from './history-reader.js';
import { parsePastDate } from './past-date.js';
import { RateReader } from './rate-reader.js';
import { view } from './rates-view.js';
import { TOKENS, type Clock } from './tokens.js';

export interface ConvertQuery {
  readonly from: string;
  readonly to: string;
  readonly amount: number;
  /** Default: the newest stored day. */
  readonly date?: string | undefined;
  readonly provider?: string | undefined;
  /** Convert as the service would have at this instant (RFC 3339, or a date: the end of that UTC day). */
  readonly asOf?: string | undefined;
}

export interface Conversion {
  readonly from: CurrencyCode;
  readonly to: CurrencyCode;
  readonly amount: number;
  /** Units of `to` per one `from`, from the day used. */
  readonly rate: number;
  /** amount × rate, rounded like every derived value. */
  readonly result: number;
  readonly source: DailyRates;
  readonly validity: AnswerValidity;
  /** The instant answered for, when `asOf` was asked. */
  readonly asOf?: Date;
}

/** Converts an amount with one stored day's rates (the newest, unless a date is given). */
@injectable()
export class Convert {
  constructor(
    @inject(RateReader) private readonly reader: RateReader,
    @inject(TOKENS.Clock) private readonly now: Clock,
    @inject(TOKENS.Config) private readonly config: { readonly PROVIDERS: readonly string[] },
    @inject(HistoryReader) private readonly history: HistoryReader,
  ) {}

  async execute(q: ConvertQuery): Promise<Result<Conversion, DomainError>> {
    if (!Number.isFinite(q.amount) || q.amount <= 0) return err(new InvalidAmountError(q.amount));
    const codes = parseCurrencyParams(q.from, [q.to], q.from);
    if (!codes.ok) return codes;
    const { base: from, symbols } = codes.value;
    const to = symbols[0]!;
    const now = this.now();
    const preference = { prefer: this.config.PROVIDERS, only: q.provider };
    let day: DailyRates | null;
    let validity: (d: DailyRates) => AnswerValidity;
    let asOf: Date | undefined;
    if (q.asOf !== undefined) {
      const at = parseAsOf(q.asOf, now);
      if (!at.ok) return at;
      asOf = at.value;
      const found = await this.dayAt(q.date, at.value, q.provider);
      if (!found.ok) return found;
      day = found.value;
      validity = (d) => asOfValidity(at.value, now, [d.date], q.date === undefined);
    } else if (q.date === undefined) {
      day = await this.reader.latest(utcDateOf(now), q.provider);
      validity = (d) => latestValidity(d, now, preference);
    } else {
      const date = parsePastDate(q.date, now);
      if (!date.ok) return date;
      day = await this.reader.byDate(date.value, q.provider);
      validity = (d) => dayValidity(d, now, preference, true, date.value);
    }
    if (!day) return err(q.date === undefined ? new NothingStoredError(q.provider) : new RatesNotFoundError(q.date));
    const v = view(day, from, [to]);
    if (!v.ok) return v;
    const rate = v.value.rates[to]!;
    const result = roundDerived(q.amount * rate);
    const conversion = { from, to, amount: q.amount, rate, result, source: day, validity: validity(day) };
    return ok(asOf ? { ...conversion, asOf } : conversion);
  }

  /** The day a conversion at `asOf` uses: the date's state then, or the newest day stored then. */
  private async dayAt(
    date: string | undefined,
    asOf: Date,
    provider: string | undefined,
  ): Promise<Result<DailyRates, DomainError>> {
    if (date === undefined) {
      const day = await this.history.latest(utcDateOf(this.now()), asOf, provider);
      return day ? ok(day) : err(new NotStoredAtError('any day', asOf));
    }
    const parsed = parsePastDate(date, this.now());
    if (!parsed.ok) return parsed;
    const at = await this.history.byDate(parsed.value, asOf, provider);
    return at.day ? ok(at.day) : err(new NotStoredAtError(parsed.value, asOf, at.firstStoredAt));
  }
}
