import { z } from 'zod';
import type { DayRatesView } from '../../../app/get-rates.js';
import type { RatesView } from '../../../app/rates-view.js';
import { DERIVED_SIGNIFICANT_DIGITS } from '../../../domain/rebase.js';
import { asOfField, asOfOf, provenanceFields, provenanceOf } from './provenance.js';
import { rateTable } from './rate-table.js';

/** The original app's keys (`date`, `currency_rates`), plus the base and where the numbers came from. */
export const dayResponse = z.object({
  date: z.string().describe('The day these rates are for').meta({ example: '2024-01-02' }),
  requested_date: z
    .string()
    .optional()
    .describe('The day asked for, present only when a fallback served an earlier day'),
  base: z.string().describe('Currency the rates are quoted against').meta({ example: 'EUR' }),
  currency_rates: rateTable,
  ...provenanceFields,
  derived: z
    .boolean()
    .describe(
      `True when the rates were derived for another base (rounded to ${DERIVED_SIGNIFICANT_DIGITS} significant digits)`,
    ),
  ...asOfField,
});

export type DayResponse = z.output<typeof dayResponse>;

export function toDayResponse(v: (RatesView | DayRatesView) & { readonly asOf?: Date }): DayResponse {
  const requested = 'requestedDate' in v && v.requestedDate !== v.date ? { requested_date: v.requestedDate } : {};
  return {
    date: v.date,
    ...requested,
    base: v.base,
    currency_rates: v.rates,
    ...provenanceOf(v.source),
    derived: v.base !== v.source.base,
    ...asOfOf(v.asOf),
  };
}
