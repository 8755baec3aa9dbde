import type { DayHistory, DayVersion } from './day-history.js';
import type { ProviderChoice } from './provider-choice.js';
import { diffRates, type RateChange } from './rate-diff.js';

/** One stored state of a day in the timeline of every provider's states, with what it replaced and what replaced it. */
export interface TimelineEntry {
  readonly version: DayVersion;
  /**
   * When the answer stopped being this state: its own provider's next state, or a preferred provider's
   * first state of the day stored later. Null while it is still what is (or would be) answered.
   */
  readonly replacedAt: Date | null;
  readonly replacedBy: DayVersion | null;
  /** The state it replaced (see `replacedBy`), and what changed from it, per currency. */
  readonly replaces: DayVersion | null;
  readonly changes: readonly RateChange[];
}

const rankOf = (choice: ProviderChoice) => (provider: string) => {
  const i = choice.prefer?.indexOf(provider) ?? -1;
  return i < 0 ? Number.MAX_SAFE_INTEGER : i;
};

/** Every state of every provider's history of a day, oldest first (by when it was stored). */
export function revisionTimeline(histories: readonly DayHistory[], choice: ProviderChoice = {}): TimelineEntry[] {
  const rank = rankOf(choice);
  const all = histories.flatMap((h) => h.versions);
  const byStored = [...all].sort(
    (a, b) => a.storedAt.getTime() - b.storedAt.getTime() || rank(a.provider) - rank(b.provider),
  );
  const replacedBy = new Map<DayVersion, DayVersion>();
  for (const h of histories) {
    h.versions.forEach((v, i) => {
      const own = h.versions[i + 1];
      // A preferred provider storing the day for the first time after this state takes over the answer.
      const takeover = histories
        .filter((o) => rank(o.provider) < rank(h.provider) && o.versions[0])
        .map((o) => o.versions[0]!)
        .filter((first) => first.storedAt.getTime() >= v.storedAt.getTime())
        .sort((a, b) => a.storedAt.getTime() - b.storedAt.getTime())[0];
      const next = [own, takeover]
        .filter((x): x is DayVersion => x !== undefined)
        .sort((a, b) => a.storedAt.getTime() - b.storedAt.getTime())[0];
      if (next) replacedBy.set(v, next);
    });
  }
  const replaces = new Map<DayVersion, DayVersion>();
  for (const [old, next] of replacedBy) {
    // The own provider's earlier state when there is one: its values are the ones a revision changes.
    const current = replaces.get(next);
    if (!current || (old.provider === next.provider && current.provider !== next.provider)) replaces.set(next, old);
  }
  return byStored.map((version) => {
    const next = replacedBy.get(version) ?? null;
    const before = replaces.get(version) ?? null;
    return {
      version,
      replacedAt: next ? next.storedAt : null,
      replacedBy: next,
      replaces: before,
      changes: before ? diffRates(before.rates, version.rates) : [],
    };
  });
}
