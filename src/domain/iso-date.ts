import { InvalidDateError } from './errors.js';
import { err, ok, type Result } from './result.js';

/** A real calendar date as `YYYY-MM-DD`. ISO strings sort and compare correctly and need no time zone. */
export type IsoDate = string & { readonly __brand: 'IsoDate' };

const SHAPE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

export function parseIsoDate(input: string): Result<IsoDate, InvalidDateError> {
  const m = SHAPE.exec(input);
  if (!m) return err(new InvalidDateError(input));
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  // Date.UTC rolls 2020-02-30 over to March; a round trip catches every impossible day.
  const t = new Date(Date.UTC(y, mo - 1, d));
  if (y < 1 || t.getUTCFullYear() !== y || t.getUTCMonth() !== mo - 1 || t.getUTCDate() !== d) {
    return err(new InvalidDateError(input));
  }
  return ok(input as IsoDate);
}

/** For values already known to be valid (constants, tests); throws on anything else. */
export function isoDate(input: string): IsoDate {
  const r = parseIsoDate(input);
  if (!r.ok) throw r.error;
  return r.value;
}

/** The UTC calendar date of an instant. */
export const utcDateOf = (instant: Date): IsoDate => instant.toISOString().slice(0, 10) as IsoDate;

export const startOfDayMs = (date: IsoDate): number => Date.parse(`${date}T00:00:00Z`);

/** The first instant after `date` ends in UTC: a day fetched from then on is final. */
export const endOfDay = (date: IsoDate): Date => new Date(startOfDayMs(date) + DAY_MS);

export const addDays = (date: IsoDate, days: number): IsoDate =>
  utcDateOf(new Date(startOfDayMs(date) + days * DAY_MS));

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export const daysBetween = (from: IsoDate, to: IsoDate): number =>
  Math.round((startOfDayMs(to) - startOfDayMs(from)) / DAY_MS);

/** Every date from `from` to `to`, both included, in ascending order. */
export function eachDate(from: IsoDate, to: IsoDate): IsoDate[] {
  const out: IsoDate[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

/** Orders anything dated oldest first (ISO dates compare as strings); for `Array.prototype.sort`. */
export const byDateAscending = (a: { readonly date: string }, b: { readonly date: string }): number =>
  a.date < b.date ? -1 : a.date > b.date ? 1 : 0;
