import { parseIsoDate, type IsoDate } from '../../domain/iso-date.js';
import { CURRENCY_BY_CODE } from './currencies.js';
import { fixerError, type FixerErrorBody } from './envelopes.js';
import type { DateError, SandboxPlan } from './sandbox-options.js';
import { FIRST_DATE } from './synthetic-rates.js';

/** What an endpoint needs to answer one request. */
export interface ApiContext {
  readonly plan: SandboxPlan;
  readonly now: Date;
  readonly today: IsoDate;
  readonly dateErrors: readonly DateError[];
}

/** A Fixer answer before it becomes HTTP: a success body (without `success`) or an envelope error. */
export type ApiResult =
  { readonly ok: true; readonly body: object } | { readonly ok: false; readonly error: FixerErrorBody };

export const success = (body: object): ApiResult => ({ ok: true, body });
export const failure = (code: number, type?: string): ApiResult => ({ ok: false, error: fixerError(code, type) });

export const isKnownCurrency = (code: string): boolean => CURRENCY_BY_CODE.has(code);

/** The base to quote against, or the error Fixer gives for it (201 unknown, 105 on the free plan). */
export function resolveBase(q: URLSearchParams, ctx: ApiContext): { base: string } | { error: ApiResult } {
  const base = (q.get('base') || 'EUR').trim().toUpperCase();
  if (!isKnownCurrency(base)) return { error: failure(201) };
  if (ctx.plan === 'free' && base !== 'EUR') return { error: failure(105, 'base_currency_access_restricted') };
  return { base };
}

/** Known symbols asked for (unknown ones dropped silently), all when none asked, 202 when none is known. */
export function resolveSymbols(q: URLSearchParams): { symbols?: string[] } | { error: ApiResult } {
  const asked = (q.get('symbols') ?? '')
    .split(',')
    .map((s) => s.trim().toUpperCase())
    .filter((s) => s !== '');
  if (asked.length === 0) return {};
  const known = [...new Set(asked.filter(isKnownCurrency))];
  return known.length === 0 ? { error: failure(202) } : { symbols: known };
}

/** Fixer has no rates before 1999 or after today. */
export const hasRates = (date: IsoDate, ctx: ApiContext): boolean => date >= FIRST_DATE && date <= ctx.today;

export const parseDate = (text: string | null): IsoDate | null => {
  if (text === null) return null;
  const r = parseIsoDate(text.trim());
  return r.ok ? r.value : null;
};

/** The code injected for `date` by the `dateErrors` setting, if any. */
export const injectedCode = (date: string, ctx: ApiContext): number | undefined =>
  ctx.dateErrors.find((e) => e.dates.includes(date))?.code;
