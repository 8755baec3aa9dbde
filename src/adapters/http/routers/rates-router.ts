import { z } from 'zod';
import { fail } from '../errors.js';
import { applyValidity } from '../cache-policy.js';
import {
  baseParam,
  currencyParam,
  dateParam,
  fallbackParam,
  providerParam,
  strictDecimal,
  symbolsParam,
} from '../params.js';
import { convertResponse, toConvertResponse } from '../responses/convert-response.js';
import { dayResponse, toDayResponse } from '../responses/day-response.js';
import { rangeResponse, toRangeResponse } from '../responses/range-response.js';
import { authedProcedure, router } from '../trpc.js';

const tags = ['rates'];

export const ratesRouter = router({
  // Declared before byDate: REST routes match in order, and /rates/{date} would capture /rates/latest.
  latest: authedProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/rates/latest',
        summary: 'Rates of the newest stored day',
        description:
          'The newest stored day, up to today; `date` says which day that is. Cacheable until the next UTC midnight.',
        tags,
      },
    })
    .input(z.strictObject({ base: baseParam, symbols: symbolsParam, provider: providerParam }))
    .output(dayResponse)
    .query(async ({ input, ctx }) => {
      const r = await ctx.getLatest.execute(input);
      if (!r.ok) return fail(r.error);
      applyValidity(ctx.cache, r.value.validity);
      return toDayResponse(r.value);
    }),

  byDate: authedProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/rates/{date}',
        summary: 'Rates of one day',
        description:
          'Rates stored for a day, against any base, optionally filtered. 404 when the day is not stored, unless ' +
          '`fallback=previous` (then the newest stored day within 7 days before it, with `requested_date`).',
        tags,
      },
      moreErrors: {
        502: 'FETCH_ON_MISS: the provider failed to give the missing day',
        504: 'FETCH_ON_MISS: the provider did not answer in time',
      },
    })
    .input(
      z.strictObject({
        date: dateParam('Calendar date, YYYY-MM-DD (UTC), not in the future'),
        base: baseParam,
        symbols: symbolsParam,
        fallback: fallbackParam(
          '`previous`: when the day is not stored, serve the newest stored day within 7 days before it',
        ),
        provider: providerParam,
      }),
    )
    .output(dayResponse)
    .query(async ({ input, ctx }) => {
      const r = await ctx.getRates.execute(input);
      if (!r.ok) return fail(r.error);
      applyValidity(ctx.cache, r.value.validity);
      return toDayResponse(r.value);
    }),

  range: authedProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/rates',
        summary: 'Rates of every stored day in a range',
        description:
          'One entry per stored day from `from` to `to`. At most 366 days per request, or 5 years when `symbols` ' +
          'names at most 10 currencies.',
        tags,
      },
    })
    .input(
      z.strictObject({
        from: dateParam('First day, YYYY-MM-DD'),
        to: dateParam('Last day, YYYY-MM-DD (inclusive, not in the future)').meta({ example: '2024-01-31' }),
        base: baseParam,
        symbols: symbolsParam,
        fallback: fallbackParam(
          '`previous`: when `from` is not stored, start at the newest stored day within 7 days before it',
        ),
        provider: providerParam,
      }),
    )
    .output(rangeResponse)
    .query(async ({ input, ctx }) => {
      const r = await ctx.getRange.execute(input);
      if (!r.ok) return fail(r.error);
      applyValidity(ctx.cache, r.value.validity);
      return toRangeResponse(r.value);
    }),

  convert: authedProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/convert',
        summary: 'Convert an amount',
        description: 'Converts `amount` of `from` into `to` with the rates of `date` (default: the newest stored day).',
        tags,
      },
    })
    .input(
      z.strictObject({
        from: currencyParam('Currency converted from', 'USD'),
        to: currencyParam('Currency converted to', 'JPY'),
        amount: z
          .preprocess(strictDecimal, z.number().finite().positive().max(1e15))
          .describe('Amount of `from` to convert (a decimal number as JSON writes it, finite, greater than 0)')
          .meta({ example: 25 }),
        date: dateParam('Use the rates of this day (default: the newest stored day)').optional(),
        provider: providerParam,
      }),
    )
    .output(convertResponse)
    .query(async ({ input, ctx }) => {
      const r = await ctx.convert.execute(input);
      if (!r.ok) return fail(r.error);
      applyValidity(ctx.cache, r.value.validity);
      return toConvertResponse(r.value);
    }),
});
