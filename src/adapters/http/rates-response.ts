import { z } from 'zod';
import type { RatesView } from '../../app/get-rates.js';
import { isProvisional } from '../../domain/daily-rates.js';

const rateTable = z.record(z.string(), z.number()).meta({ example: { USD: 1.093434, GBP: 0.862 } });

/** The original app's keys (`date`, `currency_rates`), plus the base and where the numbers came from. */
export const ratesResponse = z.object({
  date: z.string().describe('The day these rates are for').meta({ example: '2024-01-02' }),
  base: z.string().describe('Currency the rates are quoted against').meta({ example: 'EUR' }),
  currency_rates: rateTable.describe('Units of each currency per one unit of base'),
  provider: z.string().describe('Where the numbers came from').meta({ example: 'fixer' }),
  fetched_at: z.string().describe('When the provider was last asked for this day (ISO 8601)'),
  source_timestamp: z.string().nullable().describe('When the provider says it collected the rates'),
  revision: z.number().int().describe('1, plus one for each time the provider changed a value of this day'),
  provisional: z.boolean().describe('True when fetched before the day ended (UTC): values may still change'),
  derived: z.boolean().describe('True when rates were derived for another base (rounded to 9 significant digits)'),
});

export type RatesResponse = z.output<typeof ratesResponse>;

export function toRatesResponse(v: RatesView): RatesResponse {
  return {
    date: v.date,
    base: v.base,
    currency_rates: v.rates,
    provider: v.source.provider,
    fetched_at: v.source.fetchedAt.toISOString(),
    source_timestamp: v.source.sourceTimestamp?.toISOString() ?? null,
    revision: v.source.revision,
    provisional: isProvisional(v.source),
    derived: v.base !== v.source.base,
  };
}
