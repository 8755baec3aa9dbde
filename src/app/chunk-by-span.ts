/**
 * Splits ascending dates into runs whose first and last day are at most `maxDays` apart (inclusive),
 * so each run fits one bulk request however sparse the dates are.
 */
export function chunkBySpan<T extends string>(dates: readonly T[], maxDays: number): T[][] {
  const chunks: T[][] = [];
  let current: T[] = [];
  let start = 0;
  for (const date of dates) {
    const t = Date.parse(`${date}T00:00:00Z`);
    if (current.length > 0 && (t - start) / 86_400_000 + 1 > maxDays) {
      chunks.push(current);
      current = [];
    }
    if (current.length === 0) start = t;
    current.push(date);
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}
