import { inject, injectable } from 'tsyringe';
import type { CurrencyCode } from '../domain/currency.js';
import { RangeTooLargeError, type DomainError } from '../domain/errors.js';
import type { PeriodRates } from '../domain/group-days.js';
import { parseIsoDate, utcDateOf, type IsoDate } from '../domain/iso-date.js';
import { countPeriods, type Grouping } from '../domain/period.js';
import { err, ok, type Result } from '../domain/result.js';
import type { AnswerValidity } from './answer-validity.js';
import { ExportRange, type ExportRangeQuery } from './export-range.js';
import { MAX_NARROW_RANGE_DAYS, MAX_NARROW_SYMBOLS, MAX_RANGE_DAYS } from './get-range.js';
import { TOKENS, type Clock } from './tokens.js';

export interface GroupedRangeView {
  readonly from: IsoDate;
  readonly to: IsoDate;
  readonly base: CurrencyCode;
  readonly group: Grouping;
  readonly lastDate: IsoDate | null;
  readonly periods: PeriodRates[];
  readonly validity: AnswerValidity;
}

/**
 * A downsampled range in one answer. JSON is built whole, so it keeps limits, on periods rather than days
 * (the same numbers as a daily range: 366, or 5 × 366 with at most 10 symbols); 25 years by month fits.
 * The periods are folded from the stream, so only the answer itself is held, never the days.
 */
@injectable()
export class GetGroupedRange {
  constructor(
    @inject(ExportRange) private readonly exports: ExportRange,
    @inject(TOKENS.Clock) private readonly now: Clock,
  ) {}

  async execute(q: ExportRangeQuery & { group: Grouping }): Promise<Result<GroupedRangeView, DomainError>> {
    const from = parseIsoDate(q.from);
    const to = parseIsoDate(q.to ?? utcDateOf(this.now()));
    if (from.ok && to.ok) {
      const periods = countPeriods(from.value, to.value, q.group);
      const symbols = q.symbols?.length ?? 0;
      const limit = symbols > 0 && symbols <= MAX_NARROW_SYMBOLS ? MAX_NARROW_RANGE_DAYS : MAX_RANGE_DAYS;
      if (periods > limit) {
        return err(
          new RangeTooLargeError(
            `${periods} ${q.group}s asked; at most ${MAX_RANGE_DAYS} periods per JSON request, or ` +
              `${MAX_NARROW_RANGE_DAYS} when symbols names at most ${MAX_NARROW_SYMBOLS} currencies; ` +
              `format=csv or format=ndjson streams any range`,
          ),
        );
      }
    }
    const r = await this.exports.execute(q);
    if (!r.ok) return r;
    if (r.value.group === undefined) throw new Error('a grouped export came back ungrouped');
    const periods: PeriodRates[] = [];
    for await (const p of r.value.rows) periods.push(p);
    const { from: f, to: t, base, lastDate, group, validity } = r.value;
    return ok({ from: f, to: t, base, group, lastDate, periods, validity });
  }
}
