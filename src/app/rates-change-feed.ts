import type { IsoDate } from '../domain/iso-date.js';

/** What else a change touched, beyond its dates. */
export interface ChangeScope {
  /** The currency catalog changed (names), even with no date. */
  readonly catalog: boolean;
  /** This process lost track of the data (a gap in the change records, a database outage): drop everything. */
  readonly everything: boolean;
}

export type RatesChangeListener = (dates: readonly IsoDate[], scope: ChangeScope) => void;

/**
 * In-process notice that stored data changed, so that every cache of this process drops what it
 * holds for those dates. Fed by this process's own writes at once, and by the shared data generation
 * (GenerationWatcher) for every process's writes, within a poll interval.
 */
export class RatesChangeFeed {
  private readonly listeners = new Set<RatesChangeListener>();

  subscribe(listener: RatesChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  publish(dates: readonly IsoDate[], scope: Partial<ChangeScope> = {}): void {
    const full: ChangeScope = { catalog: scope.catalog ?? false, everything: scope.everything ?? false };
    if (dates.length === 0 && !full.catalog && !full.everything) return;
    for (const l of this.listeners) l(dates, full);
  }

  /** Everything may have changed: every listener drops all it holds. */
  publishEverything(): void {
    this.publish([], { everything: true });
  }
}
