import type { RateTable } from './daily-rates.js';

export interface RateChange {
  readonly code: string;
  readonly before: number | undefined;
  readonly after: number | undefined;
}

/** Every currency whose rate was added, removed or changed between two tables, sorted by code. */
export function diffRates(before: RateTable, after: RateTable): RateChange[] {
  const codes = new Set([...Object.keys(before), ...Object.keys(after)]);
  const changes: RateChange[] = [];
  for (const code of [...codes].sort()) {
    if (before[code] !== after[code]) changes.push({ code, before: before[code], after: after[code] });
  }
  return changes;
}

/** Same currencies, same values: checked without building a diff (it runs for every fetched day). */
export function sameRates(a: RateTable, b: RateTable): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && a[k] === b[k]);
}
