import { z } from 'zod';
import type { CurrencyInfo } from '../../../domain/currency-catalog.js';

export const currenciesResponse = z.object({
  currencies: z.array(
    z.object({
      code: z.string().meta({ example: 'USD' }),
      name: z
        .string()
        .nullable()
        .describe('English name, where the provider gave one')
        .meta({ example: 'United States Dollar' }),
      first_date: z.string().describe('First stored day with a rate for it'),
      last_date: z.string().describe('Last stored day with a rate for it'),
      providers: z
        .array(z.string())
        .describe('Providers that quote it')
        .meta({ example: ['fixer'] }),
    }),
  ),
});

export function toCurrenciesResponse(list: readonly CurrencyInfo[]): z.output<typeof currenciesResponse> {
  return {
    currencies: list.map((c) => ({
      code: c.code,
      name: c.name,
      first_date: c.firstDate,
      last_date: c.lastDate,
      providers: [...c.providers],
    })),
  };
}
