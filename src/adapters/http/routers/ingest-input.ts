import { z } from 'zod';
import type { IngestionRequest } from '../../../domain/ingestion-plan.js';
import { parseIsoDate, type IsoDate } from '../../../domain/iso-date.js';

const day = (description: string) =>
  z
    .string()
    .refine((s) => parseIsoDate(s).ok, 'must be a calendar date as YYYY-MM-DD')
    .describe(description)
    .meta({ example: '2024-01-02' });

/** The CLI's options (`fxrates ingest --help`) as a JSON body, validated the same way. */
export const ingestInput = z
  .strictObject({
    days: z.number().int().min(1).max(3660).optional().describe('The N days before today (default INGEST_DAYS)'),
    from: day('First day of a range (with `to`)').optional(),
    to: day('Last day of a range, inclusive (with `from`)').optional(),
    dates: z.array(day('A day')).min(1).max(366).optional().describe('These days'),
    refresh: z.boolean().optional().describe('Fetch again days already stored as final'),
    dryRun: z.boolean().optional().describe('Plan only: fetch nothing'),
    confirmLarge: z.boolean().optional().describe('Allow more than five years'),
  })
  .refine((o) => (o.from === undefined) === (o.to === undefined), 'from and to go together')
  .refine(
    (o) => [o.days !== undefined, o.from !== undefined, o.dates !== undefined].filter(Boolean).length <= 1,
    'give only one of days, from/to, dates',
  );

export type IngestInput = z.infer<typeof ingestInput>;

export function toIngestionRequest(o: IngestInput, defaultDays: number): IngestionRequest {
  const target =
    o.from !== undefined && o.to !== undefined
      ? ({ kind: 'range', from: o.from as IsoDate, to: o.to as IsoDate } as const)
      : o.dates !== undefined
        ? ({ kind: 'dates', dates: o.dates as IsoDate[] } as const)
        : ({ kind: 'recent', days: o.days ?? defaultDays } as const);
  return { target, refresh: o.refresh ?? false, confirmLarge: o.confirmLarge ?? false };
}
