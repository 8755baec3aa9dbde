import type { CurrencyCode } from '../domain/currency.js';
import type { DailyRates, RateTable } from '../domain/daily-rates.js';
import { UnknownCurrencyError, type DomainError } from '../domain/errors.js';
import type { IsoDate } from '../domain/iso-date.js';
import { pickSymbols, rebase } from '../domain/rebase.js';
import { err, ok, type Result } from '../domain/result.js';

/** A day's rates as served: against the asked base, filtered, with the stored day they came from. */
export interface RatesView {
  readonly date: IsoDate;
  readonly base: CurrencyCode;
  readonly rates: RateTable;
  readonly source: DailyRates;
}

/** Rebases and filters a stored day; an unknown base or symbol is an error, never silently dropped. */
export function view(
  stored: DailyRates,
  base: CurrencyCode,
  symbols: readonly CurrencyCode[],
): Result<RatesView, DomainError> {
  const rebased = rebase(stored.rates, stored.base, base);
  if (!rebased) return err(new UnknownCurrencyError([base], stored.date));
  if (symbols.length === 0) return ok({ date: stored.date, base, rates: rebased, source: stored });
  const picked = pickSymbols(rebased, symbols);
  if (picked.missing.length > 0) return err(new UnknownCurrencyError(picked.missing, stored.date));
  return ok({ date: stored.date, base, rates: picked.rates, source: stored });
}
