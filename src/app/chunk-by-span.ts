import { daysBetween, type IsoDate } from '../domain/iso-date.js';

/**
 * Splits ascending dates into runs whose first and last day are at most `maxDays` apart (inclusive),
 * so each run fits one bulk request however sparse the dates are.
 */
export function chunkBySpan(dates: readonly IsoDate[], maxDays: number): IsoDate[][] {
  const chunks: IsoDate[][] = [];
  let current: IsoDate[] = [];
  for (const date of dates) {
    if (current.length > 0 && daysBetween(current[0]!, date) + 1 > maxDays) {
      chunks.push(current);
      current = [];
    }
    current.push(date);
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}
