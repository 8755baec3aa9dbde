import { parseCurrency, type CurrencyCode } from '../domain/currency.js';
import type { DomainError } from '../domain/errors.js';
import { ok, type Result } from '../domain/result.js';

/** A request's `base` (or the default) and `symbols`, as validated currency codes. */
export function parseCurrencyParams(
  base: string | undefined,
  symbols: readonly string[] | undefined,
  defaultBase: string,
): Result<{ base: CurrencyCode; symbols: CurrencyCode[] }, DomainError> {
  const b = parseCurrency(base ?? defaultBase);
  if (!b.ok) return b;
  const codes: CurrencyCode[] = [];
  for (const s of symbols ?? []) {
    const code = parseCurrency(s);
    if (!code.ok) return code;
    codes.push(code.value);
  }
  return ok({ base: b.value, symbols: codes });
}
