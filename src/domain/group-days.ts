import type { RateTable } from './daily-rates.js';
import type { IsoDate } from './iso-date.js';
import { periodOf, type Grouping, type Period } from './period.js';
import { roundDerived } from './rebase.js';

/** A day's rates as served (any base, any symbols), and which provider gave them. */
export interface ObservedDay {
  readonly date: IsoDate;
  readonly rates: RateTable;
  readonly provider: string;
}

/** One period of a downsampled range. */
export interface PeriodRates extends Period {
  /** Days with rates in the period (stored days; weekends and holidays have none for the ECB). */
  readonly daysObserved: number;
  /** The period's last day with rates: the day `last` comes from. */
  readonly lastDate: IsoDate;
  /**
   * Per currency, the mean of its rates on the days it has one, rounded like derived values (9
   * significant digits): a mean is a computed number, not a stored one.
   */
  readonly average: RateTable;
  /** Per currency, its rate on the last day it had one in the period, as served (not averaged). */
  readonly last: RateTable;
  /** Providers whose days went into the period, by name. */
  readonly providers: readonly string[];
}

/**
 * Folds days (ascending by date) into periods, one at a time: only the current period's sums are held,
 * so a 25-year series costs one pass and constant memory. `add` returns the period a day closed, if any.
 */
export class PeriodAccumulator {
  private period: Period | null = null;
  private days = 0;
  private lastDate: IsoDate | null = null;
  private sums = new Map<string, { sum: number; count: number; last: number }>();
  private providers = new Set<string>();

  constructor(private readonly grouping: Grouping) {}

  add(day: ObservedDay): PeriodRates | null {
    const closed = this.period && day.date > this.period.end ? this.flush() : null;
    this.period ??= periodOf(day.date, this.grouping);
    this.days++;
    this.lastDate = day.date;
    this.providers.add(day.provider);
    for (const [code, rate] of Object.entries(day.rates)) {
      const s = this.sums.get(code);
      if (s) {
        s.sum += rate;
        s.count++;
        s.last = rate;
      } else this.sums.set(code, { sum: rate, count: 1, last: rate });
    }
    return closed;
  }

  /** The open period, closed; null when no day was added since the last one. */
  flush(): PeriodRates | null {
    if (!this.period || !this.lastDate) return null;
    const average: Record<string, number> = {};
    const last: Record<string, number> = {};
    for (const [code, s] of this.sums) {
      average[code] = roundDerived(s.sum / s.count);
      last[code] = s.last;
    }
    const out: PeriodRates = {
      ...this.period,
      daysObserved: this.days,
      lastDate: this.lastDate,
      average,
      last,
      providers: [...this.providers].sort(),
    };
    this.period = null;
    this.days = 0;
    this.lastDate = null;
    this.sums = new Map();
    this.providers = new Set();
    return out;
  }
}

/** Days (ascending) as periods, lazily. */
export async function* groupDays(days: AsyncIterable<ObservedDay>, grouping: Grouping): AsyncGenerator<PeriodRates> {
  const acc = new PeriodAccumulator(grouping);
  for await (const day of days) {
    const closed = acc.add(day);
    if (closed) yield closed;
  }
  const rest = acc.flush();
  if (rest) yield rest;
}
