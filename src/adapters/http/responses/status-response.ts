import { z } from 'zod';
import type { StatusView } from '../../../app/get-status.js';

export const statusResponse = z.object({
  from: z.string().describe('First day covered').meta({ example: '2023-12-06' }),
  to: z.string().describe('Last day covered: today (UTC)').meta({ example: '2024-12-05' }),
  days: z
    .array(
      z.object({
        date: z.string(),
        status: z
          .enum(['final', 'provisional', 'fallback', 'no-publication', 'missing'])
          .describe(
            '`final`/`provisional`: stored by the primary provider; `fallback`: stored by another provider only; ' +
              '`no-publication`: the provider published nothing; `missing`: nothing stored',
          ),
        provider: z.string().nullable(),
      }),
    )
    .describe('One entry per day, ascending'),
  runs: z
    .array(
      z.object({
        trigger: z.string().meta({ example: 'schedule' }),
        started_at: z.string(),
        finished_at: z.string().nullable(),
        outcome: z.enum(['running', 'ok', 'partial', 'failed']),
        stored: z.number().int().describe('Days inserted or updated'),
        failed: z.number().int().describe('Days that could not be fetched or stored'),
      }),
    )
    .describe('The newest ingestion runs, newest first (details: GET /ingest/runs with an admin key)'),
  ingest_enabled: z.boolean(),
  next_tick: z.string().nullable().describe('When scheduled ingestion next runs (ISO 8601); null when off'),
});

export function toStatusResponse(v: StatusView): z.output<typeof statusResponse> {
  return {
    from: v.from,
    to: v.to,
    days: v.days.map((d) => ({ date: d.date, status: d.status, provider: d.provider })),
    runs: v.runs.map((r) => ({
      trigger: r.trigger,
      started_at: r.startedAt.toISOString(),
      finished_at: r.finishedAt?.toISOString() ?? null,
      outcome: r.outcome,
      stored: r.stored,
      failed: r.failed,
    })),
    ingest_enabled: v.ingestEnabled,
    next_tick: v.nextTick?.toISOString() ?? null,
  };
}
