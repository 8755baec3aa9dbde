import { InvalidCurrencyError } from './errors.js';
import { err, ok, type Result } from './result.js';

/** An upper-case three-letter code. Fixer also lists non-ISO codes (BTC, XAU, GGP), so no ISO 4217 list is enforced. */
export type CurrencyCode = string & { readonly __brand: 'CurrencyCode' };

const SHAPE = /^[A-Z]{3}$/;

export function parseCurrency(input: string): Result<CurrencyCode, InvalidCurrencyError> {
  return SHAPE.test(input) ? ok(input as CurrencyCode) : err(new InvalidCurrencyError(input));
}

export function currency(input: string): CurrencyCode {
  const r = parseCurrency(input);
  if (!r.ok) throw r.error;
  return r.value;
}

/** Every stored rate set is quoted against this base; other bases are derived when serving. */
export const STORAGE_BASE = 'EUR' as CurrencyCode;
