import type { CurrencyCatalog, CurrencyInfo } from '../../domain/currency-catalog.js';
import { spansOf } from '../../domain/currency-spans.js';
import type { FetchedRates } from '../../domain/daily-rates.js';
import type { IsoDate } from '../../domain/iso-date.js';

/** The currency catalog in memory, for use-case tests. */
export class InMemoryCurrencyCatalog implements CurrencyCatalog {
  private readonly entries = new Map<string, { first: string; last: string; providers: Set<string> }>();
  private names: Readonly<Record<string, string>> | null = null;

  async record(days: readonly FetchedRates[]): Promise<void> {
    for (const [code, s] of spansOf(days)) {
      const e = this.entries.get(code);
      if (!e) this.entries.set(code, { first: s.first, last: s.last, providers: new Set(s.providers) });
      else {
        if (s.first < e.first) e.first = s.first;
        if (s.last > e.last) e.last = s.last;
        for (const p of s.providers) e.providers.add(p);
      }
    }
  }

  async setNames(names: Readonly<Record<string, string>>): Promise<void> {
    this.names = { ...names };
  }

  async hasNames(): Promise<boolean> {
    return this.names !== null;
  }

  async list(): Promise<CurrencyInfo[]> {
    return [...this.entries.entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([code, e]) => ({
        code,
        name: this.names?.[code] ?? null,
        firstDate: e.first as IsoDate,
        lastDate: e.last as IsoDate,
        providers: [...e.providers].sort(),
      }));
  }
}
