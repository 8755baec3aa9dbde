import type { DailyRates } from './daily-rates.js';
import { choosePerDate, type ProviderChoice } from './provider-choice.js';

/** One state a provider's day was stored in: its values and fetch, from when it was stored until replaced. */
export interface DayVersion extends DailyRates {
  /** When this service stored this state (the values, or a later fetch of the same values). */
  readonly storedAt: Date;
  /** When a later fetch replaced it; null while it is the current state. */
  readonly replacedAt: Date | null;
}

/** Every state one provider's day has been stored in, oldest first; the last is the current one. */
export interface DayHistory {
  readonly provider: string;
  readonly versions: readonly DayVersion[];
}

/** The state that was current at `asOf`, or null when the day was not stored yet (by this provider). */
export function versionAt(history: DayHistory, asOf: Date): DayVersion | null {
  const t = asOf.getTime();
  for (let i = history.versions.length - 1; i >= 0; i--) {
    const v = history.versions[i]!;
    if (v.storedAt.getTime() <= t) return v.replacedAt === null || v.replacedAt.getTime() > t ? v : null;
  }
  return null;
}

/**
 * What a read would have chosen at `asOf`: per date, the provider `choice` prefers among those that had
 * the day then, each at the state it was in then. Ascending by date.
 */
export function chooseAt(histories: readonly DayHistory[], asOf: Date, choice: ProviderChoice = {}): DayVersion[] {
  const then = histories.flatMap((h) => {
    const v = versionAt(h, asOf);
    return v ? [v] : [];
  });
  return choosePerDate(then, choice);
}

/** When the first of these histories was first stored, or null when there is none. */
export function firstStoredAt(histories: readonly DayHistory[]): Date | null {
  const times = histories.flatMap((h) => (h.versions[0] ? [h.versions[0].storedAt.getTime()] : []));
  return times.length > 0 ? new Date(Math.min(...times)) : null;
}
