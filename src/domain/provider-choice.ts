import type { DailyRates } from './daily-rates.js';
import { byDateAscending } from './iso-date.js';

/** Which provider's numbers to read when several providers stored the same day. */
export interface ProviderChoice {
  /** Only this provider's days. */
  readonly only?: string | undefined;
  /** Otherwise the first of these that has the day, then any other (by name). */
  readonly prefer?: readonly string[] | undefined;
}

/** One day per date, chosen by `choice`; input and output ascending by date. */
export function choosePerDate<D extends DailyRates>(days: readonly D[], choice: ProviderChoice = {}): D[] {
  const rank = (provider: string) => {
    const i = choice.prefer?.indexOf(provider) ?? -1;
    return i < 0 ? Number.MAX_SAFE_INTEGER : i;
  };
  const best = new Map<string, D>();
  for (const day of days) {
    if (choice.only !== undefined && day.provider !== choice.only) continue;
    const current = best.get(day.date);
    const better =
      !current ||
      rank(day.provider) < rank(current.provider) ||
      (rank(day.provider) === rank(current.provider) && day.provider < current.provider);
    if (better) best.set(day.date, day);
  }
  return [...best.values()].sort(byDateAscending);
}

/** Every provider the service can store days from (each has a document key per date and base). */
export const KNOWN_PROVIDERS: readonly string[] = ['fixer', 'ecb'];

/** The providers whose document may answer `choice` for a day: `only`, else the preferred then every known one. */
export function candidateProviders(choice: ProviderChoice): string[] {
  if (choice.only !== undefined) return [choice.only];
  return [...new Set([...(choice.prefer ?? []), ...KNOWN_PROVIDERS])];
}
