import type { ExportDay } from '../../../app/export-range.js';
import type { PeriodRates } from '../../../domain/group-days.js';
import { toPeriodResponse } from './period-json.js';

/** One day per line: `{"date","base","provider","rates"}`; a currency without a rate that day is absent. */
export const ndjsonDayRow = (day: ExportDay): string =>
  JSON.stringify({ date: day.date, base: day.base, provider: day.provider, rates: day.rates }) + '\n';

/** One period per line, the shape of a grouped JSON range's `periods` entries plus the base. */
export const ndjsonPeriodRow = (p: PeriodRates, base: string): string =>
  JSON.stringify({ ...toPeriodResponse(p), base }) + '\n';

/**
 * The last line of a stream that failed after it began: no data line has an `error` key, so a client
 * tells a cut-short export from a complete one by this line (and by the connection being aborted).
 */
export const ndjsonErrorRow = (): string =>
  JSON.stringify({ error: 'STREAM.FAILED', message: 'the export failed before it was complete; retry it' }) + '\n';
