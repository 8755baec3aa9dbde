import { STORAGE_BASE } from '../../domain/currency.js';
import type { FetchedRates, RateTable } from '../../domain/daily-rates.js';
import { parseIsoDate, type IsoDate, byDateAscending } from '../../domain/iso-date.js';
import { invalidResponse } from './classify.js';
import { FIXER_PROVIDER } from './fixer-options.js';
import { historicalSchema, timeseriesSchema } from './responses.js';
import { bodyIssues } from '../resilience/body-issues.js';

/*
 * A body that is valid JSON but breaks the contract (wrong shape, another date or base, a rate that is
 * not a positive finite number) is treated as permanent: the same request would return the same bug,
 * and each retry costs a request from a small monthly plan. Bodies that are not JSON at all (HTML pages,
 * truncated text) are transient and handled before this point.
 */

/** The numbers exactly as JSON.parse produced them; refuses zero, negative or non-finite values and empty tables. */
function checkRates(rates: Record<string, number>, what: string, date: string): RateTable {
  const entries = Object.entries(rates);
  if (entries.length === 0) throw invalidResponse('INVALID_RATE', what, `no rates for ${date}`);
  for (const [code, rate] of entries) {
    if (!Number.isFinite(rate) || rate <= 0) {
      throw invalidResponse('INVALID_RATE', what, `rate ${code}=${rate} on ${date} is not a positive finite number`);
    }
  }
  return rates;
}

function checkBase(base: string, what: string): void {
  if (base !== STORAGE_BASE) throw invalidResponse('BASE_MISMATCH', what, `base ${base} instead of ${STORAGE_BASE}`);
}

export function toFetchedDay(body: unknown, asked: IsoDate, fetchedAt: Date, what: string): FetchedRates {
  const parsed = historicalSchema.safeParse(body);
  if (!parsed.success) throw invalidResponse('INVALID_RESPONSE', what, bodyIssues(parsed.error, '(body)'));
  const day = parsed.data;
  if (day.date !== asked) throw invalidResponse('DATE_MISMATCH', what, `rates dated ${day.date} instead of ${asked}`);
  checkBase(day.base, what);
  return {
    date: asked,
    base: STORAGE_BASE,
    provider: FIXER_PROVIDER,
    rates: checkRates(day.rates, what, asked),
    sourceTimestamp: day.timestamp === undefined ? null : new Date(day.timestamp * 1000),
    fetchedAt,
  };
}

/** Days in `from..to` that Fixer has; a day outside the range asked for is a contract breach. */
export function toFetchedRange(
  body: unknown,
  from: IsoDate,
  to: IsoDate,
  fetchedAt: Date,
  what: string,
): FetchedRates[] {
  const parsed = timeseriesSchema.safeParse(body);
  if (!parsed.success) throw invalidResponse('INVALID_RESPONSE', what, bodyIssues(parsed.error, '(body)'));
  const series = parsed.data;
  if (series.start_date !== from || series.end_date !== to) {
    throw invalidResponse(
      'DATE_MISMATCH',
      what,
      `range ${series.start_date}..${series.end_date} instead of ${from}..${to}`,
    );
  }
  checkBase(series.base, what);
  const days: FetchedRates[] = [];
  for (const [key, rates] of Object.entries(series.rates)) {
    const date = parseIsoDate(key);
    if (!date.ok || date.value < from || date.value > to) {
      throw invalidResponse('DATE_MISMATCH', what, `day ${key} is outside ${from}..${to}`);
    }
    days.push({
      date: date.value,
      base: STORAGE_BASE,
      provider: FIXER_PROVIDER,
      rates: checkRates(rates, what, key),
      // The timeseries endpoint gives no collection time.
      sourceTimestamp: null,
      fetchedAt,
    });
  }
  return days.sort(byDateAscending);
}
