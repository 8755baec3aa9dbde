import type { DailyRates, FetchedRates } from './daily-rates.js';
import { sameRates } from './rate-diff.js';

/** What storing one fetched day means, given what is stored for it now. */
export type UpsertOutcome =
  | { readonly kind: 'insert'; readonly day: FetchedRates }
  | { readonly kind: 'update'; readonly day: FetchedRates; readonly current: DailyRates }
  /** Same values. `touch` is true when the fetch is newer, so only its time needs recording. */
  | { readonly kind: 'same'; readonly day: FetchedRates; readonly current: DailyRates; readonly touch: boolean };

export const dayKey = (d: Pick<FetchedRates, 'date' | 'base' | 'provider'>): string =>
  `${d.date}|${d.base}|${d.provider}`;

/**
 * Decides, for each fetched day, whether it is new, changes stored values, or repeats them. When the
 * same day appears twice in one batch the later one wins, as if they had been stored in order.
 */
export function planUpserts(days: readonly FetchedRates[], current: ReadonlyMap<string, DailyRates>): UpsertOutcome[] {
  const latest = new Map<string, FetchedRates>();
  for (const day of days) latest.set(dayKey(day), day);
  return [...latest.entries()].map(([key, day]): UpsertOutcome => {
    const stored = current.get(key);
    if (!stored) return { kind: 'insert', day };
    if (!sameRates(stored.rates, day.rates)) return { kind: 'update', day, current: stored };
    return { kind: 'same', day, current: stored, touch: day.fetchedAt.getTime() > stored.fetchedAt.getTime() };
  });
}
