import { z } from 'zod';
import { STORAGE_BASE } from '../../domain/currency.js';
import type { RateTable } from '../../domain/daily-rates.js';
import { parseIsoDate, type IsoDate, byDateAscending } from '../../domain/iso-date.js';
import { invalidResponse } from './classify.js';
import { bodyIssues } from '../resilience/body-issues.js';

/*
 * The ECB's format, after parsing (namespace prefixes removed, every Cube an array):
 * Envelope > Cube (one) > Cube time=YYYY-MM-DD (one per day, newest first) > Cube currency rate.
 * The base, EUR, is implied and never listed.
 */
const rateCube = z.object({ currency: z.string().regex(/^[A-Z]{3}$/), rate: z.string() });
const dayCube = z.object({ time: z.string(), Cube: z.array(rateCube).min(1) });
const documentSchema = z.object({
  Envelope: z.object({ Cube: z.tuple([z.object({ Cube: z.array(dayCube).min(1) })]) }),
});

/** A plain decimal as the ECB writes it (`1.0956`, `157.12`); exponents or signs mean something is wrong. */
const DECIMAL = /^\d+(\.\d+)?$/;

export interface EcbDay {
  readonly date: IsoDate;
  /** Against EUR, EUR: 1 included. */
  readonly rates: RateTable;
}

/** The days of one file, oldest first, never empty. */
export interface EcbDocument {
  readonly days: readonly EcbDay[];
  readonly oldest: IsoDate;
  readonly newest: IsoDate;
}

function toRates(cubes: readonly { currency: string; rate: string }[], date: string, what: string): RateTable {
  const rates: Record<string, number> = { [STORAGE_BASE]: 1 };
  for (const { currency, rate } of cubes) {
    // Number() of the text as written: the value is exactly the ECB's decimal, nothing rounded.
    const value = DECIMAL.test(rate.trim()) ? Number(rate) : NaN;
    if (!Number.isFinite(value) || value <= 0) {
      throw invalidResponse(what, `rate ${currency}="${rate}" on ${date} is not a positive number`);
    }
    if (Object.hasOwn(rates, currency)) throw invalidResponse(what, `${currency} listed twice on ${date}`);
    rates[currency] = value;
  }
  return rates;
}

/** Checks a parsed file against the ECB's format; any breach is a permanent `INVALID_RESPONSE`. */
export function toEcbDocument(parsed: unknown, what: string): EcbDocument {
  const result = documentSchema.safeParse(parsed);
  if (!result.success) throw invalidResponse(what, bodyIssues(result.error, '(document)'));
  const seen = new Set<string>();
  const days: EcbDay[] = [];
  for (const cube of result.data.Envelope.Cube[0].Cube) {
    const date = parseIsoDate(cube.time.trim());
    if (!date.ok) throw invalidResponse(what, `day "${cube.time}" is not a date`);
    if (seen.has(date.value)) throw invalidResponse(what, `day ${date.value} listed twice`);
    seen.add(date.value);
    days.push({ date: date.value, rates: toRates(cube.Cube, date.value, what) });
  }
  days.sort(byDateAscending);
  return { days, oldest: days[0]!.date, newest: days[days.length - 1]!.date };
}
