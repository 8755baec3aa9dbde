import type { CurrencyCode } from './currency.js';
import type { DailyRates, FetchedRates } from './daily-rates.js';
import type { DayHistory } from './day-history.js';
import type { IsoDate } from './iso-date.js';
import type { ProviderChoice } from './provider-choice.js';

/** What one `upsertMany` did, by date. */
export interface UpsertReport {
  /** Days not stored before. */
  readonly inserted: IsoDate[];
  /** Days whose values changed: revision bumped, old values kept. */
  readonly updated: IsoDate[];
  /** Days whose values were already stored; only their fetch time moves forward. */
  readonly unchanged: IsoDate[];
  /**
   * Of the unchanged days, those that were provisional and are now final (the same values fetched
   * after the day ended): their answers say so, so they count as changed. Absent when none.
   */
  readonly settled?: IsoDate[];
  /**
   * Of the unchanged days, those fetched again later: the fetch is a new state in the day's history
   * (its revisions answer lists it, and plain answers carry its `fetched_at`). Absent when none.
   */
  readonly refetched?: IsoDate[];
}

/** The days whose answers a write changed: new, different values, or provisional days now final. */
export const changedDates = (r: UpsertReport): IsoDate[] => [
  ...new Set([...r.inserted, ...r.updated, ...(r.settled ?? [])]),
];

/** The days a write changed anything stored: `changedDates`, and days whose history gained a later fetch. */
export const writtenDates = (r: UpsertReport): IsoDate[] => [...new Set([...changedDates(r), ...(r.refetched ?? [])])];

/** Which days are stored, and when each was fetched (to tell provisional days from final ones). */
export interface StoredDay {
  readonly date: IsoDate;
  readonly provider: string;
  readonly fetchedAt: Date;
}

/** What one provider has stored. */
export interface ProviderCoverage {
  readonly first: IsoDate;
  readonly last: IsoDate;
  /** When the newest day was fetched. */
  readonly lastFetchedAt: Date;
}

/**
 * Storage of daily rates, one entry per (date, base, provider). Implementations store numbers
 * exactly as given and never round.
 */
export interface RateRepository {
  /** The stored day, or null when nothing is stored for it; `choice` picks among providers. */
  findByDate(date: IsoDate, base: CurrencyCode, choice?: ProviderChoice): Promise<DailyRates | null>;
  /** Stored days from `from` to `to` inclusive, one per date (see `choice`), ascending by date. */
  findRange(from: IsoDate, to: IsoDate, base: CurrencyCode, choice?: ProviderChoice): Promise<DailyRates[]>;
  /**
   * The same days as `findRange`, read as a cursor in date order: one day at a time, so memory stays
   * flat however long the range (the whole stored history included).
   */
  streamRange(from: IsoDate, to: IsoDate, base: CurrencyCode, choice?: ProviderChoice): AsyncIterable<DailyRates>;
  /** First and last stored day of one provider, and the fetch time of its newest day; null when it has none. */
  coverage(provider: string, base: CurrencyCode): Promise<ProviderCoverage | null>;
  /** The newest stored day at or before `onOrBefore` (any day when omitted), or null. */
  findLatest(base: CurrencyCode, onOrBefore?: IsoDate, choice?: ProviderChoice): Promise<DailyRates | null>;
  /**
   * Every state each of `providers` stored the day in (one primary-key lookup per provider, as a plain
   * read); providers that never stored it are left out.
   */
  findHistories(date: IsoDate, base: CurrencyCode, providers: readonly string[]): Promise<DayHistory[]>;
  /** The histories of every stored day from `from` to `to` (only `choice.only`'s, when set), ascending by date. */
  findRangeHistories(from: IsoDate, to: IsoDate, base: CurrencyCode, choice?: ProviderChoice): Promise<DayHistory[]>;
  /** Which days are stored from `from` to `to` inclusive, ascending by date. */
  listStored(from: IsoDate, to: IsoDate, base: CurrencyCode): Promise<StoredDay[]>;
  /**
   * Stores each day idempotently: a new day is inserted at revision 1; different values bump the
   * revision and keep the replaced values; identical values change nothing but the fetch time
   * (a later fetch of the same numbers makes a provisional day final). Every state replaced is kept
   * in the day's history, replaced at `storedAt` (default: now), when the new state is stored.
   */
  upsertMany(days: readonly FetchedRates[], storedAt?: Date): Promise<UpsertReport>;
  /** Remembers that `provider` published nothing for these days (ECB weekends), so they are not asked for again. */
  recordNoPublication(provider: string, dates: readonly IsoDate[]): Promise<void>;
  /** Days from `from` to `to` known to have no publication by `provider`, ascending. */
  listNoPublication(from: IsoDate, to: IsoDate, provider: string): Promise<IsoDate[]>;
}
