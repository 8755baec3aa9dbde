import { z } from 'zod';
import { fail } from '../errors.js';
import { applyValidity } from '../cache-policy.js';
import {
  asOfParam,
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
import { rangeResponse, toGroupedRangeResponse, toRangeResponse } from '../responses/range-response.js';
import { formatParam, groupParam, rangeToParam } from '../streaming/export-query.js';
import { StreamOverRestOnly } from '../streaming/stream-over-rest-only.js';
import { InvalidRangeError, RatesNotFoundError } from '../../../domain/errors.js';
import { isoDate } from '../../../domain/iso-date.js';
import { missingDayValidity } from '../../../app/answer-validity.js';
import { revisionsResponse, toRevisionsResponse } from '../responses/revisions-response.js';
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
    .input(z.strictObject({ base: baseParam, symbols: symbolsParam, provider: providerParam, as_of: asOfParam }))
    .output(dayResponse)
    .query(async ({ input, ctx }) => {
      const r = await ctx.useCases.getLatest.execute({ ...input, asOf: input.as_of });
      if (!r.ok) return fail(r.error);
      ctx.cache.behind([r.value.source], r.value.asOf);
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
        as_of: asOfParam,
      }),
    )
    .output(dayResponse)
    .query(async ({ input, ctx }) => {
      const r = await ctx.useCases.getRates.execute({ ...input, asOf: input.as_of });
      if (!r.ok) {
        // The edge may keep "not stored" until the day changes (a recent day: a minute at most): misses stay cheap.
        if (r.error instanceof RatesNotFoundError)
          applyValidity(ctx.cache, missingDayValidity(isoDate(r.error.date), ctx.now()));
        return fail(r.error);
      }
      ctx.cache.behind([r.value.source], r.value.asOf);
      applyValidity(ctx.cache, r.value.validity);
      return toDayResponse(r.value);
    }),

  revisions: authedProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/rates/{date}/revisions',
        summary: "A day's revision history",
        description:
          'Every state of every provider that stored the day, oldest first: values, `fetched_at`, ' +
          '`source_timestamp`, when it was stored, when it stopped being the answer and what replaced it, and ' +
          'per currency what changed. `base` and `symbols` apply as elsewhere. 404 when the day was never stored.',
        tags,
      },
    })
    .input(
      z.strictObject({
        date: dateParam('Calendar date, YYYY-MM-DD (UTC), not in the future'),
        base: baseParam,
        symbols: symbolsParam,
        provider: providerParam,
      }),
    )
    .output(revisionsResponse)
    .query(async ({ input, ctx }) => {
      const r = await ctx.useCases.getRevisions.execute(input);
      if (!r.ok) return fail(r.error);
      ctx.cache.behind(r.value.revisions.map((v) => v.view.source));
      applyValidity(ctx.cache, r.value.validity);
      return toRevisionsResponse(r.value);
    }),

  range: authedProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/rates',
        summary: 'Rates of every stored day in a range, as JSON, NDJSON or CSV',
        description:
          'One entry per stored day from `from` to `to` (default: today, UTC; `last_date` says the newest day ' +
          'found). JSON: at most 366 days per request, or 5 years when `symbols` names at most 10 currencies. ' +
          '`format=ndjson|csv` (or `Accept: application/x-ndjson|text/csv`; the query wins) streams any range, ' +
          'the whole history included, with no limit. `group=week|month`: one entry per ISO week or calendar ' +
          'month with the days observed and, per currency, the average and the last observation.',
        tags,
      },
    })
    .input(
      z.strictObject({
        from: dateParam('First day, YYYY-MM-DD'),
        to: rangeToParam,
        base: baseParam,
        symbols: symbolsParam,
        fallback: fallbackParam(
          '`previous`: when `from` is not stored, start at the newest stored day within 7 days before it (daily JSON only)',
        ),
        provider: providerParam,
        group: groupParam,
        format: formatParam,
        as_of: asOfParam,
      }),
    )
    .output(rangeResponse)
    .query(async ({ input, ctx }) => {
      // Over REST the HTTP edge streams these before the procedure runs; tRPC carries JSON only.
      if (input.format !== undefined && input.format !== 'json') return fail(new StreamOverRestOnly());
      if (input.group !== undefined) {
        if (input.as_of !== undefined) return fail(new InvalidRangeError('as_of does not apply to group='));
        if (input.fallback === 'previous')
          return fail(new InvalidRangeError('fallback=previous does not apply to group='));
        const g = await ctx.useCases.getGroupedRange.execute({ ...input, group: input.group });
        if (!g.ok) return fail(g.error);
        applyValidity(ctx.cache, g.value.validity);
        return toGroupedRangeResponse(g.value);
      }
      const r = await ctx.useCases.getRange.execute({ ...input, asOf: input.as_of });
      if (!r.ok) return fail(r.error);
      ctx.cache.behind(
        r.value.days.map((d) => d.source),
        r.value.asOf,
      );
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
        as_of: asOfParam,
      }),
    )
    .output(convertResponse)
    .query(async ({ input, ctx }) => {
      const r = await ctx.useCases.convert.execute({ ...input, asOf: input.as_of });
      if (!r.ok) return fail(r.error);
      ctx.cache.behind([r.value.source], r.value.asOf);
      applyValidity(ctx.cache, r.value.validity);
      return toConvertResponse(r.value);
    }),
});
