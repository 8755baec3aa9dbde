import type { ExportDay } from '../../../app/export-range.js';
import type { PeriodRates } from '../../../domain/group-days.js';

/** RFC 4180 line break. */
const CRLF = '\r\n';

/** One field, quoted when it holds a comma, a quote or a line break (quotes doubled), as RFC 4180 says. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** A number as stored, in JavaScript's shortest round-trip form: never locale-formatted, never rounded here. */
const numberField = (n: number | undefined): string => (n === undefined ? '' : String(n));

const line = (fields: readonly string[]): string => fields.map(csvField).join(',') + CRLF;

/** Daily rows: `date`, one column per currency, then `base` and `provider`. */
export const csvDayHeader = (currencies: readonly string[]): string =>
  line(['date', ...currencies, 'base', 'provider']);

/** A currency without a rate that day is an empty field. */
export const csvDayRow = (day: ExportDay, currencies: readonly string[]): string =>
  line([day.date, ...currencies.map((c) => numberField(day.rates[c])), day.base, day.provider]);

/** Period rows: bounds, days observed, last day, then `<CUR>_average` and `<CUR>_last` per currency, base, providers. */
export const csvPeriodHeader = (currencies: readonly string[]): string =>
  line([
    'period_start',
    'period_end',
    'days_observed',
    'last_date',
    ...currencies.flatMap((c) => [`${c}_average`, `${c}_last`]),
    'base',
    'providers',
  ]);

export const csvPeriodRow = (p: PeriodRates, currencies: readonly string[], base: string): string =>
  line([
    p.start,
    p.end,
    String(p.daysObserved),
    p.lastDate,
    ...currencies.flatMap((c) => [numberField(p.average[c]), numberField(p.last[c])]),
    base,
    p.providers.join(' '),
  ]);
