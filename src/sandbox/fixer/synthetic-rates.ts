import { daysBetween, endOfDay, type IsoDate } from '../../domain/iso-date.js';
import { CURRENCY_BY_CODE, SANDBOX_CURRENCIES } from './currencies.js';

/** Fixer's history reaches back to 1999; earlier dates have no rates. */
export const FIRST_DATE = '1999-01-01' as IsoDate;

/** FNV-1a, mapped to [0, 1): a stable per-currency phase, so currencies do not move in lockstep. */
function unitHash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) / 2 ** 32;
}

/**
 * Like Fixer: 6 decimals, except values too small for that to keep any precision (BTC), which keep
 * 8 significant digits (Fixer sent `3.9823669e-05`).
 */
export function roundRate(value: number): number {
  return value < 1e-4 ? Number(value.toPrecision(8)) : Math.round(value * 1e6) / 1e6;
}

/**
 * Fixer updates the current day through the day (hourly on small plans), so a day fetched before it
 * ends may change. Until `date` has ended at `asOf`, its values drift by up to 0.1 %, shrinking to 0
 * at midnight UTC: a provisional fetch differs from the final one, and the final values are stable.
 */
function intradayFactor(date: IsoDate, asOf: Date | undefined): number {
  if (!asOf) return 1;
  const left = (endOfDay(date).getTime() - asOf.getTime()) / 86_400_000;
  return left > 0 && left <= 1 ? 1 + 0.001 * left : 1;
}

/** Unrounded units of `code` per EUR on `date`: two slow sine waves, so day-to-day moves stay small. */
function rawEurRate(code: string, date: IsoDate, asOf?: Date): number {
  if (code === 'EUR') return 1;
  const anchor = CURRENCY_BY_CODE.get(code)?.perEur;
  if (anchor === undefined) throw new Error(`unknown sandbox currency ${code}`);
  const day = daysBetween(FIRST_DATE, date);
  const h1 = unitHash(code);
  const h2 = unitHash(`${code}#`);
  const slow = 0.04 * Math.sin((2 * Math.PI * day) / (365 * (2 + 3 * h1)) + 2 * Math.PI * h2);
  const fast = 0.01 * Math.sin((2 * Math.PI * day) / (27 + 20 * h2) + 2 * Math.PI * h1);
  return anchor * Math.exp(slow + fast) * intradayFactor(date, asOf);
}

/**
 * SYNTHETIC rates for `date` quoted against `base`: a pure function of its arguments, so the same date
 * always gives the same numbers once the day has ended (`asOf`: the sandbox's now, for today's drift). Cross bases are derived from the EUR values, as Fixer's paid plans do.
 * `symbols` (known codes only) limits and orders the result; without it every currency is listed.
 */
export function syntheticRates(
  date: IsoDate,
  base: string,
  symbols?: readonly string[],
  asOf?: Date,
): Record<string, number> {
  const codes = symbols ?? SANDBOX_CURRENCIES.map((c) => c.code);
  const divisor = base === 'EUR' ? 1 : roundRate(rawEurRate(base, date, asOf));
  const out: Record<string, number> = {};
  for (const code of codes) {
    if (code === base) out[code] = 1;
    else if (base === 'EUR') out[code] = roundRate(rawEurRate(code, date, asOf));
    else out[code] = roundRate(roundRate(rawEurRate(code, date, asOf)) / divisor);
  }
  return out;
}
