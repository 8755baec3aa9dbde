import type { CurrencyCode } from './currency.js';
import type { RateTable } from './daily-rates.js';

/**
 * Significant digits kept in a derived (cross) rate. Sources give about 6 decimals (7 significant
 * digits for rates near 1), so more digits would be float noise, not information.
 */
export const DERIVED_SIGNIFICANT_DIGITS = 9;

export const roundDerived = (value: number): number => Number(value.toPrecision(DERIVED_SIGNIFICANT_DIGITS));

/**
 * Re-expresses `rates` (quoted against `from`) against `to` as `rates[q] / rates[to]`. The old base
 * appears with its derived rate, the new base with exactly 1. Same base: the source values, untouched.
 * Returns null when `to` has no rate to divide by.
 */
export function rebase(rates: RateTable, from: CurrencyCode, to: CurrencyCode): RateTable | null {
  if (from === to) return withBase(rates, from);
  const divisor = rates[to];
  if (divisor === undefined || !(divisor > 0)) return null;
  const out: Record<string, number> = { [from]: roundDerived(1 / divisor) };
  for (const [code, rate] of Object.entries(rates)) {
    out[code] = code === to ? 1 : code === from ? out[from]! : roundDerived(rate / divisor);
  }
  return out;
}

/** The table with its own base at exactly 1 (some providers leave the base out). */
function withBase(rates: RateTable, base: CurrencyCode): RateTable {
  return rates[base] === 1 ? rates : { ...rates, [base]: 1 };
}

/** The subset for `symbols`, in the order asked; codes with no rate are returned in `missing`. */
export function pickSymbols(
  rates: RateTable,
  symbols: readonly CurrencyCode[],
): { rates: RateTable; missing: CurrencyCode[] } {
  const picked: Record<string, number> = {};
  const missing: CurrencyCode[] = [];
  for (const code of symbols) {
    const rate = rates[code];
    if (rate === undefined) missing.push(code);
    else picked[code] = rate;
  }
  return { rates: picked, missing };
}
