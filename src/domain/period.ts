import { addDays, startOfDayMs, utcDateOf, type IsoDate } from './iso-date.js';

/** How a range is downsampled: ISO weeks (Monday to Sunday) or calendar months. */
export type Grouping = 'week' | 'month';

export interface Period {
  /** First calendar day of the period (a Monday, or the 1st). */
  readonly start: IsoDate;
  /** Last calendar day of the period (a Sunday, or the month's last day). */
  readonly end: IsoDate;
}

/** The ISO week or calendar month `date` falls in. */
export function periodOf(date: IsoDate, grouping: Grouping): Period {
  if (grouping === 'month') {
    const [year, month] = [Number(date.slice(0, 4)), Number(date.slice(5, 7))];
    // Day 0 of the next month is this month's last day.
    return { start: `${date.slice(0, 7)}-01` as IsoDate, end: utcDateOf(new Date(Date.UTC(year, month, 0))) };
  }
  // getUTCDay: Sunday 0 … Saturday 6; ISO weeks start on Monday.
  const weekday = (new Date(startOfDayMs(date)).getUTCDay() + 6) % 7;
  const start = addDays(date, -weekday);
  return { start, end: addDays(start, 6) };
}

/** How many periods the days from `from` to `to` touch (partial first and last periods included). */
export function countPeriods(from: IsoDate, to: IsoDate, grouping: Grouping): number {
  if (from > to) return 0;
  if (grouping === 'month') {
    const months = (d: IsoDate) => Number(d.slice(0, 4)) * 12 + Number(d.slice(5, 7));
    return months(to) - months(from) + 1;
  }
  return (
    Math.round((startOfDayMs(periodOf(to, 'week').start) - startOfDayMs(periodOf(from, 'week').start)) / 604_800_000) +
    1
  );
}
