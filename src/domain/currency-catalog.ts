import type { FetchedRates } from './daily-rates.js';
import type { IsoDate } from './iso-date.js';

/** What is known of one currency: its name (where a provider gave one) and which days have a rate for it. */
export interface CurrencyInfo {
  readonly code: string;
  readonly name: string | null;
  readonly firstDate: IsoDate;
  readonly lastDate: IsoDate;
  /** Providers that have sent a rate for it, by name. */
  readonly providers: readonly string[];
}

/** Every currency seen in stored rates, kept up to date as days are stored. */
export interface CurrencyCatalog {
  /** Widens each currency's date span and provider list with these stored days. */
  record(days: readonly FetchedRates[]): Promise<void>;
  /** Remembers names (e.g. from Fixer's `/symbols`); codes not yet seen get no entry. */
  setNames(names: Readonly<Record<string, string>>): Promise<void>;
  /** True when names were ever set. */
  hasNames(): Promise<boolean>;
  /** All currencies, by code. */
  list(): Promise<CurrencyInfo[]>;
}
