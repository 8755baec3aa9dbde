import { z } from 'zod';
import type { IngestOutcome } from '../../../app/ingest-rates.js';
import type { IngestionReport, IngestionRun } from '../../../domain/ingestion-run.js';
import type { BudgetStatus } from '../../../domain/request-budget.js';

const dates = z.array(z.string());

export const ingestionReport = z.object({
  provider: z.string(),
  planned: dates,
  skipped: dates.describe('Days already stored as final'),
  fetched: dates,
  inserted: dates,
  updated: dates,
  unchanged: dates,
  failed: z.array(z.object({ date: z.string(), kind: z.string(), reason: z.string() })),
  stoppedEarly: z.string().nullable().describe('Why the run stopped before trying every planned day'),
  deliveredBy: z.record(z.string(), z.number()).describe('Days stored, by the provider that delivered them'),
  causes: z
    .array(
      z.object({
        provider: z.string(),
        cause: z.string(),
        providerWide: z.boolean().describe('The cause took the provider out of the rest of the run'),
        deliveredInstead: z.record(z.string(), z.number()).describe('Days other providers delivered instead'),
        notFetched: z.number().describe('Days no provider delivered'),
      }),
    )
    .describe('One entry per cause of failure per provider'),
  dryRun: z.boolean(),
});

export const ingestResponse = z.object({
  runId: z.string().nullable().describe('The run record (null for a dry run)'),
  plan: z.object({ asked: dates, fetch: dates, skip: dates }),
  report: ingestionReport,
});

export const runsResponse = z.object({
  runs: z.array(
    z.object({
      id: z.string(),
      trigger: z.string(),
      startedAt: z.string(),
      finishedAt: z.string().nullable(),
      request: z.string(),
      report: ingestionReport.nullable(),
      error: z.string().nullable(),
    }),
  ),
});

export const quotaResponse = z.object({
  providers: z.array(
    z.object({
      provider: z.string(),
      month: z.string().describe('YYYY-MM (UTC)'),
      limit: z.number().nullable().describe('Requests allowed this month; null = no limit configured'),
      used: z.number(),
      remaining: z.number().nullable(),
    }),
  ),
});

/** Runs recorded before causes were reported have neither field. */
const reportOf = (r: IngestionReport) => ({
  ...r,
  failed: r.failed.map((f) => ({ ...f })),
  deliveredBy: { ...(r.deliveredBy ?? {}) },
  causes: (r.causes ?? []).map((c) => ({ ...c, deliveredInstead: { ...c.deliveredInstead } })),
});

export const toIngestResponse = (o: IngestOutcome): z.infer<typeof ingestResponse> => ({
  runId: o.runId,
  plan: o.plan,
  report: reportOf(o.report),
});

export const toRunsResponse = (runs: readonly IngestionRun[]): z.infer<typeof runsResponse> => ({
  runs: runs.map((r) => ({
    ...r,
    startedAt: r.startedAt.toISOString(),
    finishedAt: r.finishedAt?.toISOString() ?? null,
    report: r.report && reportOf(r.report),
  })),
});

/** Infinity (no limit) has no JSON form: it is null. */
export const toQuotaResponse = (statuses: readonly BudgetStatus[]): z.infer<typeof quotaResponse> => ({
  providers: statuses.map((s) => ({
    ...s,
    limit: Number.isFinite(s.limit) ? s.limit : null,
    remaining: Number.isFinite(s.remaining) ? s.remaining : null,
  })),
});
