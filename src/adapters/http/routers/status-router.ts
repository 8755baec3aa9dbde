import { z } from 'zod';
import { applyValidity } from '../cache-policy.js';
import { statusResponse, toStatusResponse } from '../responses/status-response.js';
import { authedProcedure, router } from '../trpc.js';

export const statusRouter = router({
  summary: authedProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/status',
        summary: "The data's health",
        description:
          'How each day of the last 12 months is stored, the newest ingestion runs (public fields) and the next ' +
          'scheduled ingestion.',
        tags: ['status'],
      },
    })
    .input(z.strictObject({}))
    .output(statusResponse)
    .query(async ({ ctx }) => {
      const status = await ctx.useCases.getStatus.execute();
      applyValidity(ctx.cache, status.validity);
      return toStatusResponse(status);
    }),
});
