import type { DailyRates } from './daily-rates.js';
import { choosePerDate, type ProviderChoice } from './provider-choice.js';

/**
 * `choosePerDate` over days arriving in date order: only one date's candidates (one per provider) are
 * held at a time, so a cursor over the whole history streams through in constant memory.
 */
export async function* choosePerDateInOrder(
  days: AsyncIterable<DailyRates>,
  choice: ProviderChoice = {},
): AsyncGenerator<DailyRates> {
  let pending: DailyRates[] = [];
  for await (const day of days) {
    if (pending.length > 0 && pending[0]!.date !== day.date) {
      yield* choosePerDate(pending, choice);
      pending = [];
    }
    pending.push(day);
  }
  if (pending.length > 0) yield* choosePerDate(pending, choice);
}
