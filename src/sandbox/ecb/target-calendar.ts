import { addDays, utcDateOf, type IsoDate } from '../../domain/iso-date.js';

/** The first day the ECB published euro reference rates. */
export const FIRST_ECB_DAY = '1999-01-04' as IsoDate;

/** A day is published from 15:00 UTC (16:00 CET), the ECB's announced time. */
export const PUBLICATION_HOUR_UTC = 15;

const iso = (year: number, month: number, day: number): IsoDate =>
  `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}` as IsoDate;

/** Easter Sunday of the Gregorian calendar (the anonymous "Meeus/Jones/Butcher" algorithm). */
export function easterSunday(year: number): IsoDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return iso(year, month, day);
}

const holidayCache = new Map<number, ReadonlySet<string>>();

/**
 * TARGET closing days: 1 January, Good Friday, Easter Monday, 1 May, 25 and 26 December. The sandbox
 * applies today's calendar to every year (the ECB did publish on some of these in 1999-2001).
 */
export function targetHolidays(year: number): ReadonlySet<string> {
  let set = holidayCache.get(year);
  if (!set) {
    const easter = easterSunday(year);
    set = new Set([
      iso(year, 1, 1),
      addDays(easter, -2),
      addDays(easter, 1),
      iso(year, 5, 1),
      iso(year, 12, 25),
      iso(year, 12, 26),
    ]);
    holidayCache.set(year, set);
  }
  return set;
}

export const isWeekend = (date: IsoDate): boolean => {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 || day === 6;
};

/** Whether the ECB publishes rates on `date` (a TARGET working day from 1999-01-04 on). */
export const isPublicationDay = (date: IsoDate): boolean =>
  date >= FIRST_ECB_DAY && !isWeekend(date) && !targetHolidays(Number(date.slice(0, 4))).has(date);

/** The newest day published at `now`: today from 15:00 UTC if it is a working day, else the one before. */
export function newestPublishedDay(now: Date): IsoDate {
  const today = utcDateOf(now);
  let day = now.getUTCHours() >= PUBLICATION_HOUR_UTC ? today : addDays(today, -1);
  while (!isPublicationDay(day) && day > FIRST_ECB_DAY) day = addDays(day, -1);
  return day;
}
