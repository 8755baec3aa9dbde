import { z } from 'zod';
import { SHORT_MAX_AGE } from '../cache-hints.js';
import { currenciesResponse, toCurrenciesResponse } from '../responses/currencies-response.js';
import { publicProcedure, router } from '../trpc.js';

export const currenciesRouter = router({
  list: publicProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/currencies',
        summary: 'Every currency with a stored rate',
        description:
          'Each currency seen in stored rates: its name where the provider gave one, and its first and last day.',
        tags: ['currencies'],
        protect: false,
      },
    })
    .input(z.strictObject({}))
    .output(currenciesResponse)
    .query(async ({ ctx }) => {
      ctx.cache.keepFor(SHORT_MAX_AGE);
      return toCurrenciesResponse(await ctx.listCurrencies.execute());
    }),
});
