import { z } from 'zod';
import type { IngestionRequest } from '../domain/ingestion-plan.js';
import { addDays, daysBetween, parseIsoDate, utcDateOf, type IsoDate } from '../domain/iso-date.js';

/** The bounds of one ingestion request, the same whether the CLI or the API asks. */
export const INGEST_LIMITS = {
  /** `days` and a range's span: a century, more than any provider's history (the ECB's starts in 1999). */
  maxDays: 36_600,
  /** Days named one by one. */
  maxDates: 366,
} as const;

/** The fields of a request, named as the API's JSON body names them. */
export type IngestField = 'days' | 'from' | 'to' | 'dates' | 'refresh' | 'dryRun' | 'confirmLarge';

const calendarDate = z.string().superRefine((s, ctx) => {
  const r = parseIsoDate(s);
  if (!r.ok) ctx.addIssue({ code: 'custom', message: r.error.message });
});

/**
 * What one ingestion may be asked, with its rules: one of `days`, `from` (with an optional `to`,
 * default yesterday) or `dates`, within INGEST_LIMITS. The CLI's flags and the API's body are both read
 * through it; `nameOf` only words the messages for the asker (`--days` for the CLI, `days` for the API).
 */
export function ingestRequestSchema(nameOf: (field: IngestField) => string = (f) => f) {
  const [days, from, to, dates] = (['days', 'from', 'to', 'dates'] as const).map(nameOf) as [
    string,
    string,
    string,
    string,
  ];
  const wholeDays = `${days} must be a whole number from 1 to ${INGEST_LIMITS.maxDays}`;
  return z
    .strictObject({
      days: z
        .number({ error: wholeDays })
        .int(wholeDays)
        .min(1, `${days} must be at least 1`)
        .max(INGEST_LIMITS.maxDays, wholeDays)
        .describe('The N days before today (default INGEST_DAYS)')
        .optional(),
      from: calendarDate.describe('First day of a range, YYYY-MM-DD').meta({ example: '2024-01-02' }).optional(),
      to: calendarDate
        .describe('Last day of a range, inclusive (default yesterday, UTC)')
        .meta({ example: '2024-01-31' })
        .optional(),
      dates: z
        .array(calendarDate.meta({ example: '2024-01-02' }))
        .min(1, `${dates} names no day`)
        .max(INGEST_LIMITS.maxDates, `${dates}: at most ${INGEST_LIMITS.maxDates} days one by one (use a range)`)
        .describe('These days')
        .optional(),
      refresh: z.boolean().describe('Fetch again days already stored as final').optional(),
      dryRun: z.boolean().describe('Plan only: fetch nothing').optional(),
      confirmLarge: z.boolean().describe('Allow more than five years').optional(),
    })
    .refine((o) => o.to === undefined || o.from !== undefined, `${to} needs ${from} (${from} alone runs to yesterday)`)
    .refine(
      (o) => [o.days !== undefined, o.from !== undefined, o.dates !== undefined].filter(Boolean).length <= 1,
      `give only one of ${days}, ${from}/${to}, ${dates}`,
    )
    .refine(
      (o) =>
        o.from === undefined ||
        o.to === undefined ||
        !parseIsoDate(o.from).ok ||
        !parseIsoDate(o.to).ok ||
        daysBetween(o.from as IsoDate, o.to as IsoDate) < INGEST_LIMITS.maxDays,
      `${from} to ${to} spans more than ${INGEST_LIMITS.maxDays} days`,
    );
}

export type IngestRequestInput = z.output<ReturnType<typeof ingestRequestSchema>>;

/** The use case's request: `from` alone runs to yesterday, and no target means the last `defaultDays`. */
export function toIngestionRequest(o: IngestRequestInput, defaultDays: number, now: Date): IngestionRequest {
  const target =
    o.from !== undefined
      ? // Today is left out by default, as for `days`: its rates are not final yet.
        ({ kind: 'range', from: o.from as IsoDate, to: (o.to as IsoDate) ?? addDays(utcDateOf(now), -1) } as const)
      : o.dates !== undefined
        ? ({ kind: 'dates', dates: o.dates as IsoDate[] } as const)
        : ({ kind: 'recent', days: o.days ?? defaultDays } as const);
  return { target, refresh: o.refresh ?? false, confirmLarge: o.confirmLarge ?? false };
}
