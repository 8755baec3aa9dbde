import { z } from 'zod';
import { applyValidity } from '../cache-policy.js';
import { currenciesResponse, toCurrenciesResponse } from '../responses/currencies-response.js';
import { authedProcedure, router } from '../trpc.js';

export const currenciesRouter = router({
  list: authedProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/currencies',
        summary: 'Every currency with a stored rate',
        description:
          'Each currency seen in stored rates: its name where the provider gave one, and its first and last day.',
        tags: ['currencies'],
      },
    })
    .input(z.strictObject({}))
    .output(currenciesResponse)
    .query(async ({ ctx }) => {
      const list = await ctx.useCases.listCurrencies.execute();
      applyValidity(ctx.cache, list.validity);
      return toCurrenciesResponse(list.currencies);
    }),
});
