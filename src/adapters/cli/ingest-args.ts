import { parseArgs } from 'node:util';
import { ingestRequestSchema, toIngestionRequest, type IngestField } from '../../app/ingest-request.js';
import type { IngestionRequest } from '../../domain/ingestion-plan.js';
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

/** The request's fields as the CLI spells them. */
const FLAG: Record<IngestField, string> = {
  days: '--days',
  from: '--from',
  to: '--to',
  dates: '--date',
  refresh: '--refresh',
  dryRun: '--dry-run',
  confirmLarge: '--yes',
};
const schema = ingestRequestSchema((field) => FLAG[field]);

/** A whole number as typed (`Number` would also read `0x10`, `1e3` or ` 5 `); anything else reads as NaN. */
const wholeNumber = (s: string): number => (/^\d+$/.test(s) ? Number(s) : Number.NaN);

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
  const parsed = schema.safeParse({
    days: values.days === undefined ? undefined : wholeNumber(values.days),
    from: values.from,
    to: values.to,
    dates: values.date,
    refresh: values.refresh,
    dryRun: values['dry-run'],
    confirmLarge: values.yes,
  });
  if (!parsed.success) return err(parsed.error.issues.map((i) => i.message).join('\n'));
  return ok({
    request: toIngestionRequest(parsed.data, defaultDays, now),
    dryRun: parsed.data.dryRun ?? false,
    json: values.json ?? false,
  });
}
