import { z } from 'zod';
import { fail } from '../errors.js';
import { ratesResponse, toRatesResponse } from '../rates-response.js';
import { publicProcedure, router } from '../trpc.js';

const dateParam = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'date must be YYYY-MM-DD')
  .describe('Calendar date, YYYY-MM-DD (UTC), not in the future')
  .meta({ example: '2024-01-02' });
const baseParam = z
  .string()
  .regex(/^[A-Za-z]{3}$/, 'base must be a three-letter currency code')
  .transform((s) => s.toUpperCase())
  .optional()
  .describe('Currency the rates are quoted against (default EUR). Other bases are derived as cross rates.')
  .meta({ example: 'USD' });
const symbolsParam = z
  .string()
  .regex(/^[A-Za-z]{3}(,[A-Za-z]{3})*$/, 'symbols must be comma-separated three-letter codes')
  .transform((s) => s.toUpperCase().split(','))
  .optional()
  .describe('Comma-separated currencies to return (default: all)')
  .meta({ example: 'GBP,JPY' });

export const ratesRouter = router({
  byDate: publicProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/rates/{date}',
        summary: 'Rates of one day',
        description: 'Rates stored for a day, against any base, optionally filtered. 404 when the day is not stored.',
        tags: ['rates'],
        protect: false,
      },
    })
    .input(z.strictObject({ date: dateParam, base: baseParam, symbols: symbolsParam }))
    .output(ratesResponse)
    .query(async ({ input, ctx }) => {
      const r = await ctx.getRates.execute(input);
      return r.ok ? toRatesResponse(r.value) : fail(r.error);
    }),
});
