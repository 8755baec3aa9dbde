import type { FetchedRates } from './daily-rates.js';

export interface CurrencySpan {
  first: string;
  last: string;
  providers: string[];
}

/** For each currency in `days`: its first and last date and the providers that quoted it. */
export function spansOf(days: readonly Pick<FetchedRates, 'date' | 'provider' | 'rates'>[]): Map<string, CurrencySpan> {
  const spans = new Map<string, CurrencySpan>();
  for (const day of days) {
    for (const code of Object.keys(day.rates)) {
      const s = spans.get(code);
      if (!s) spans.set(code, { first: day.date, last: day.date, providers: [day.provider] });
      else {
        if (day.date < s.first) s.first = day.date;
        if (day.date > s.last) s.last = day.date;
        if (!s.providers.includes(day.provider)) s.providers.push(day.provider);
      }
    }
  }
  return spans;
}
