import { parseArgs } from 'node:util';
import { z } from 'zod';
import type { IngestionRequest } from '../../domain/ingestion-plan.js';
import { addDays, parseIsoDate, utcDateOf, type IsoDate } from '../../domain/iso-date.js';
import { err, ok, type Result } from '../../domain/result.js';

export const INGEST_USAGE = `Usage: fxrates ingest [what] [options]

What (one of; default: the previous 10 days, today excluded):
  --days N              the N days before today
  --from DATE [--to DATE] every day from DATE to DATE (YYYY-MM-DD, inclusive; default: yesterday, UTC)
  --date DATE           this day (repeatable)

Options:
  --refresh             fetch again days already stored as final
  --dry-run             print the plan and the requests it would cost, fetch nothing
  --json                print the report (or with --dry-run the plan, every date) as JSON
  --yes                 confirm a range of more than five years
  -h, --help            this text

Exit status: 0 every planned day landed, 1 some failed (or the run failed),
2 bad arguments or configuration, 3 another ingestion holds the lock (try again later).`;

export interface IngestCommand {
  readonly request: IngestionRequest;
  readonly dryRun: boolean;
  readonly json: boolean;
}

const date = z.string().transform((s, ctx): IsoDate => {
  const r = parseIsoDate(s);
  if (!r.ok) ctx.addIssue({ code: 'custom', message: r.error.message });
  return s as IsoDate;
});

const schema = z
  .object({
    days: z.coerce
      .number({ error: '--days must be a whole number' })
      .int('--days must be a whole number')
      .min(1, '--days must be at least 1')
      .optional(),
    from: date.optional(),
    to: date.optional(),
    date: z.array(date).optional(),
    refresh: z.boolean().default(false),
    'dry-run': z.boolean().default(false),
    json: z.boolean().default(false),
    yes: z.boolean().default(false),
  })
  .refine((o) => o.to === undefined || o.from !== undefined, '--to needs --from (--from alone runs to yesterday)')
  .refine(
    (o) => [o.days !== undefined, o.from !== undefined, o.date !== undefined].filter(Boolean).length <= 1,
    'give only one of --days, --from/--to, --date',
  );

/** Parses `ingest` arguments; a bad argument yields the message to print above the usage text. */
export function parseIngestArgs(
  argv: readonly string[],
  defaultDays: number,
  now: Date = new Date(),
): Result<IngestCommand | 'help', string> {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        days: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        date: { type: 'string', multiple: true },
        refresh: { type: 'boolean' },
        'dry-run': { type: 'boolean' },
        json: { type: 'boolean' },
        yes: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (e) {
    return err((e as Error).message);
  }
  if (values.help) return ok('help');
  const parsed = schema.safeParse(values);
  if (!parsed.success) return err(parsed.error.issues.map((i) => i.message).join('\n'));
  const o = parsed.data;
  const target =
    o.from !== undefined
      ? // Today is left out by default, as for --days: its rates are not final yet.
        ({ kind: 'range', from: o.from, to: o.to ?? addDays(utcDateOf(now), -1) } as const)
      : o.date !== undefined
        ? ({ kind: 'dates', dates: o.date } as const)
        : ({ kind: 'recent', days: o.days ?? defaultDays } as const);
  return ok({ request: { target, refresh: o.refresh, confirmLarge: o.yes }, dryRun: o['dry-run'], json: o.json });
}
