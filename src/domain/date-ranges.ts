import { addDays, type IsoDate } from './iso-date.js';

/** Sorted dates as runs of consecutive days: `2024-01-01..2024-01-05, 2024-01-08`. */
export function dateRanges(dates: readonly IsoDate[]): string {
  const sorted = [...new Set(dates)].sort();
  const runs: string[] = [];
  let start: IsoDate | undefined;
  let end: IsoDate | undefined;
  for (const d of sorted) {
    if (start !== undefined && end !== undefined && d === addDays(end, 1)) {
      end = d;
      continue;
    }
    if (start !== undefined) runs.push(start === end ? start : `${start}..${end}`);
    start = end = d;
  }
  if (start !== undefined) runs.push(start === end ? start : `${start}..${end}`);
  return runs.join(', ');
}
