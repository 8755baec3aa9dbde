import { addDays, utcDateOf, type IsoDate } from '../../domain/iso-date.js';

/** The ECB's three publications of the same data, smallest first. */
export const ECB_FILES = ['eurofxref-daily.xml', 'eurofxref-hist-90d.xml', 'eurofxref-hist.xml'] as const;
export type EcbFile = (typeof ECB_FILES)[number];

/** The first day the ECB published euro reference rates. */
export const FIRST_PUBLICATION = '1999-01-04' as IsoDate;

/**
 * The ECB publishes "around 16:00 CET" on working days. This fixed UTC hour (16:00 CET) is used as the
 * rates' `sourceTimestamp` and to decide which day can be published yet; in summer the ECB publishes an
 * hour earlier in UTC, which at worst makes us pick a larger file than needed (see `chooseFile`).
 */
export const PUBLICATION_HOUR_UTC = 15;

/** The 90-day file spans 90 calendar days back from today; this margin keeps clear of its first days. */
const NINETY_DAY_REACH = 85;

export const isWeekend = (date: IsoDate): boolean => {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 || day === 6;
};

export const publicationInstant = (date: IsoDate): Date =>
  new Date(`${date}T${String(PUBLICATION_HOUR_UTC).padStart(2, '0')}:00:00Z`);

/** The newest weekday whose publication time has passed at `now`: no file can hold a later day. */
export function latestPossiblePublication(now: Date): IsoDate {
  const today = utcDateOf(now);
  let day = now.getTime() >= publicationInstant(today).getTime() ? today : addDays(today, -1);
  while (isWeekend(day)) day = addDays(day, -1);
  return day;
}

/**
 * The smallest file that should hold every date from `from` on: the daily file when nothing before
 * the latest possible publication day is asked for, the 90-day file when `from` is within 85 days of
 * today, else the full history. The caller still checks the answer's oldest day (`coversFrom`), since
 * the ECB may publish earlier or later than the clock suggests, and moves to the next file if needed.
 */
export function chooseFile(from: IsoDate, now: Date): EcbFile {
  if (from >= latestPossiblePublication(now)) return 'eurofxref-daily.xml';
  if (from >= addDays(utcDateOf(now), -NINETY_DAY_REACH)) return 'eurofxref-hist-90d.xml';
  return 'eurofxref-hist.xml';
}

export const largerFile = (file: EcbFile): EcbFile | undefined => ECB_FILES[ECB_FILES.indexOf(file) + 1];

/**
 * Whether a file whose oldest day is `oldest` holds every publication from `from` on. The full history
 * always does; the others only when they reach back to `from` (a day before `oldest` might exist in a
 * larger file).
 */
export const coversFrom = (file: EcbFile, oldest: IsoDate, from: IsoDate): boolean =>
  file === 'eurofxref-hist.xml' || from >= oldest;
