import type { CurrencyCode } from './currency.js';
import { endOfDay, type IsoDate } from './iso-date.js';

/** Units of quote currency per one unit of the base, keyed by currency code. */
export type RateTable = Readonly<Record<string, number>>;

/** One provider's rates for one day, as the provider sent them (nothing rounded). */
export interface FetchedRates {
  readonly date: IsoDate;
  readonly base: CurrencyCode;
  /** Which provider sent the numbers, e.g. `fixer`. */
  readonly provider: string;
  readonly rates: RateTable;
  /** When the provider says it collected the rates; null if it did not say. */
  readonly sourceTimestamp: Date | null;
  /** When this service received them. */
  readonly fetchedAt: Date;
}

/** A stored day: the fetched rates plus how many times their values have changed. */
export interface DailyRates extends FetchedRates {
  /** 1 for the first values stored; bumped each time a re-fetch changes a value. */
  readonly revision: number;
}

/** Values a revision replaced, kept so that every number served can be traced. */
export interface ReplacedRates {
  readonly revision: number;
  readonly rates: RateTable;
  readonly sourceTimestamp: Date | null;
  readonly fetchedAt: Date;
  readonly replacedAt: Date;
}

/** What a stored day's values become in its history when a revision replaces them at `replacedAt`. */
export function toReplaced(current: DailyRates, replacedAt: Date): ReplacedRates {
  const { revision, rates, sourceTimestamp, fetchedAt } = current;
  return { revision, rates, sourceTimestamp, fetchedAt, replacedAt };
}

/**
 * A day fetched before it ended (UTC) may still change at the provider: it is provisional and
 * the next ingestion fetches it again. Fetched after its end, it is final.
 */
export const isProvisional = (day: Pick<FetchedRates, 'date' | 'fetchedAt'>): boolean =>
  day.fetchedAt.getTime() < endOfDay(day.date).getTime();
