import type { IsoDate } from '../domain/iso-date.js';

export type RatesChangeListener = (dates: readonly IsoDate[]) => void;

/**
 * In-process notice that days were stored (inserted, updated, or confirmed), so caches of this process
 * drop what they hold for them. Other processes learn nothing from it: their caches rely on only
 * holding final days, which change only on an explicit refresh, and on a bounded age.
 */
export class RatesChangeFeed {
  private readonly listeners = new Set<RatesChangeListener>();

  subscribe(listener: RatesChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  publish(dates: readonly IsoDate[]): void {
    if (dates.length === 0) return;
    for (const l of this.listeners) l(dates);
  }
}
