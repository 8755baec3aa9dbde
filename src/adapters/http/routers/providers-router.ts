import { z } from 'zod';
import { providersValidity } from '../../../app/list-providers.js';
import { applyValidity } from '../cache-policy.js';
import { providersResponse, toProvidersResponse } from '../responses/providers-response.js';
import { authedProcedure, router } from '../trpc.js';

export const providersRouter = router({
  list: authedProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/providers',
        summary: 'The rate providers, their coverage and health',
        description:
          'Each known provider: whether it is configured, whether it needs a key, its data and terms pages, ' +
          'publication cadence, currencies, first and last stored day, when its newest day was fetched, missed ' +
          'publications of the last 30 days, and its circuit breaker. Never a key. Rebuilt at most once a minute.',
        tags: ['providers'],
      },
    })
    .input(z.strictObject({}))
    .output(providersResponse)
    .query(async ({ ctx }) => {
      applyValidity(ctx.cache, providersValidity(ctx.now()));
      return toProvidersResponse(await ctx.useCases.listProviders.execute());
    }),
});
