import { daysBetween, eachDate, type IsoDate } from '../../domain/iso-date.js';
import {
  failure,
  hasRates,
  injectedCode,
  parseDate,
  resolveBase,
  resolveSymbols,
  success,
  type ApiContext,
  type ApiResult,
} from './api-context.js';
import { syntheticRates } from './synthetic-rates.js';

const MAX_SPAN_DAYS = 365;

type Range = { start: IsoDate; end: IsoDate; base: string; symbols?: string[] };

/** Validation shared by timeseries and fluctuation, in the order of Fixer's codes (501-505, then 106). */
function parseRange(q: URLSearchParams, ctx: ApiContext, allowBackwards: boolean): Range | { error: ApiResult } {
  if (ctx.plan === 'free') return { error: failure(105) };
  const startText = q.get('start_date');
  const endText = q.get('end_date');
  if (!startText || !endText) return { error: failure(501) };
  const start = parseDate(startText);
  if (start === null) return { error: failure(502) };
  const end = parseDate(endText);
  if (end === null) return { error: failure(503) };
  if (start > end && !allowBackwards) return { error: failure(504) };
  if (Math.abs(daysBetween(start, end)) > MAX_SPAN_DAYS) return { error: failure(505) };
  if (!hasRates(start, ctx) || !hasRates(end, ctx)) return { error: failure(106) };
  const base = resolveBase(q, ctx);
  if ('error' in base) return base;
  const symbols = resolveSymbols(q);
  if ('error' in symbols) return symbols;
  return { start, end, base: base.base, ...symbols };
}

/** Days injected with 106 are left out (no data that day); any other injected code fails the request. */
export function timeseriesEndpoint(q: URLSearchParams, ctx: ApiContext): ApiResult {
  const range = parseRange(q, ctx, false);
  if ('error' in range) return range.error;
  const rates: Record<string, Record<string, number>> = {};
  for (const date of eachDate(range.start, range.end)) {
    const injected = injectedCode(date, ctx);
    if (injected === 106) continue;
    if (injected !== undefined) return failure(injected);
    rates[date] = syntheticRates(date, range.base, range.symbols, ctx.now);
  }
  return success({ timeseries: true, start_date: range.start, end_date: range.end, base: range.base, rates });
}

const round4 = (n: number): number => Math.round(n * 1e4) / 1e4;

export function fluctuationEndpoint(q: URLSearchParams, ctx: ApiContext): ApiResult {
  const range = parseRange(q, ctx, true);
  if ('error' in range) return range.error;
  const first = syntheticRates(range.start, range.base, range.symbols);
  const last = syntheticRates(range.end, range.base, range.symbols);
  const rates: Record<string, object> = {};
  for (const [code, start] of Object.entries(first)) {
    const end = last[code] ?? start;
    rates[code] = {
      start_rate: start,
      end_rate: end,
      change: round4(end - start),
      change_pct: round4(((end - start) / start) * 100),
    };
  }
  return success({ fluctuation: true, start_date: range.start, end_date: range.end, base: range.base, rates });
}
