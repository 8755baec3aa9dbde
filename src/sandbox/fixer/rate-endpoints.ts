import { endOfDay, type IsoDate } from '../../domain/iso-date.js';
import { SANDBOX_CURRENCIES } from './currencies.js';
import {
  failure,
  hasRates,
  injectedCode,
  isKnownCurrency,
  parseDate,
  resolveBase,
  resolveSymbols,
  success,
  type ApiContext,
  type ApiResult,
} from './api-context.js';
import { roundRate, syntheticRates } from './synthetic-rates.js';

/** `timestamp` of a day's rates: now for today, else 23:59:59 UTC of the day (as Fixer answers). */
function timestampOf(date: IsoDate, ctx: ApiContext): number {
  const ms = date === ctx.today ? ctx.now.getTime() : endOfDay(date).getTime() - 1000;
  return Math.floor(ms / 1000);
}

export const symbolsEndpoint = (): ApiResult =>
  success({ symbols: Object.fromEntries(SANDBOX_CURRENCIES.map((c) => [c.code, c.name])) });

/** `/latest` (date omitted) and `/{YYYY-MM-DD}`. */
export function ratesEndpoint(q: URLSearchParams, ctx: ApiContext, segment?: string): ApiResult {
  let date = ctx.today;
  if (segment !== undefined) {
    const parsed = parseDate(segment);
    if (parsed === null) return failure(302);
    date = parsed;
  }
  if (!hasRates(date, ctx)) return failure(106);
  const injected = injectedCode(date, ctx);
  if (injected !== undefined) return failure(injected);
  const base = resolveBase(q, ctx);
  if ('error' in base) return base.error;
  const symbols = resolveSymbols(q);
  if ('error' in symbols) return symbols.error;
  return success({
    timestamp: timestampOf(date, ctx),
    ...(segment === undefined ? {} : { historical: true }),
    base: base.base,
    date,
    rates: syntheticRates(date, base.base, symbols.symbols, ctx.now),
  });
}

export function convertEndpoint(q: URLSearchParams, ctx: ApiContext): ApiResult {
  if (ctx.plan === 'free') return failure(105);
  const from = (q.get('from') ?? '').trim().toUpperCase();
  const to = (q.get('to') ?? '').trim().toUpperCase();
  if (!isKnownCurrency(from)) return failure(401);
  if (!isKnownCurrency(to)) return failure(402);
  const amountText = q.get('amount') ?? '';
  const amount = Number(amountText);
  if (amountText.trim() === '' || !Number.isFinite(amount)) return failure(403);
  const dateText = q.get('date');
  let date = ctx.today;
  if (dateText !== null && dateText !== '') {
    const parsed = parseDate(dateText);
    if (parsed === null) return failure(302);
    date = parsed;
  }
  if (!hasRates(date, ctx)) return failure(106);
  const rate = syntheticRates(date, from, [to])[to] ?? 1;
  return success({
    query: { from, to, amount },
    info: { timestamp: timestampOf(date, ctx), rate },
    ...(dateText ? { historical: true } : {}),
    date,
    result: roundRate(amount * rate),
  });
}
