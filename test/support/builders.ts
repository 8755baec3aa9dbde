import { currency } from '../../src/domain/currency.js';
import type { FetchedRates } from '../../src/domain/daily-rates.js';
import { isoDate } from '../../src/domain/iso-date.js';

type FetchedInput = Omit<Partial<FetchedRates>, 'date' | 'base'> & { date?: string; base?: string };

/** A fetched day with plausible values; override what the test is about. */
export function buildFetched(overrides: FetchedInput = {}): FetchedRates {
  const date = isoDate(overrides.date ?? '2024-01-02');
  return {
    provider: 'fixer',
    rates: { EUR: 1, USD: 1.093434, GBP: 0.862, JPY: 156.7, BTC: 3.9823669e-5 },
    sourceTimestamp: new Date(`${date}T23:59:59Z`),
    // Fetched the day after: a final day unless the test says otherwise.
    fetchedAt: new Date(Date.parse(`${date}T06:00:00Z`) + 86_400_000),
    ...overrides,
    date,
    base: currency(overrides.base ?? 'EUR'),
  };
}
