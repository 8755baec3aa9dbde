import { z } from 'zod';
import { fail } from '../errors.js';
import {
  ingestResponse,
  quotaResponse,
  runsResponse,
  toIngestResponse,
  toQuotaResponse,
  toRunsResponse,
} from '../responses/ingest-response.js';
import { adminProcedure, router } from '../trpc.js';
import { ingestRequestSchema, toIngestionRequest } from '../../../app/ingest-request.js';

const tags = ['admin'];

/** The CLI's options (`fxrates ingest --help`) as a JSON body, read by the same schema and bounds as the CLI. */
const ingestInput = ingestRequestSchema();

/** Operations: an admin key always. */
export const ingestRouter = router({
  run: adminProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/ingest',
        summary: 'Run an ingestion now',
        description:
          'Fetches the asked days from the provider and stores them, under the same lock as the schedule ' +
          '(409 while another run holds it). Body as the CLI: one of `days`, `from` (+ `to`, default yesterday), `dates`.',
        tags,
      },
      moreErrors: {
        409: 'Another ingestion holds the lock (INGEST.BUSY)',
        412: 'No provider is configured (INGEST.NO_PROVIDER)',
      },
    })
    .input(ingestInput)
    .output(ingestResponse)
    .mutation(async ({ input, ctx }) => {
      const request = toIngestionRequest(input, ctx.useCases.ingestAdmin.defaultDays, ctx.now());
      const r = await ctx.useCases.ingestAdmin.run(request, input.dryRun ?? false);
      if (!r.ok) return fail(r.error);
      return toIngestResponse(r.value);
    }),

  runs: adminProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/ingest/runs',
        summary: 'Recent ingestion runs',
        description: 'Newest first, with what each run did.',
        tags,
      },
    })
    .input(
      z.strictObject({
        limit: z.coerce
          .number()
          .int()
          .min(1)
          .max(100)
          .describe('How many runs, newest first (default 20)')
          .meta({ example: 20 })
          .optional(),
      }),
    )
    .output(runsResponse)
    .query(async ({ input, ctx }) => toRunsResponse(await ctx.useCases.ingestAdmin.runs(input.limit ?? 20))),

  quota: adminProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/ingest/quota',
        summary: 'Provider request budget',
        description: 'Requests used and left this month, per metered provider.',
        tags,
      },
    })
    .input(z.strictObject({}))
    .output(quotaResponse)
    .query(async ({ ctx }) => toQuotaResponse(await ctx.useCases.ingestAdmin.quota(ctx.now()))),
});
