import { z } from 'zod';
import { baseParam, dateParam, providerParam, symbolsParam } from '../params.js';

/** The formats a range can be answered in; JSON is the procedure's, the others are streamed. */
export const RANGE_FORMATS = ['json', 'ndjson', 'csv'] as const;
export type RangeFormat = (typeof RANGE_FORMATS)[number];
export type StreamFormat = Exclude<RangeFormat, 'json'>;

export const formatParam = z
  .enum(RANGE_FORMATS)
  .describe(
    'Answer format: `json` (default), `ndjson` (one JSON object per line) or `csv` (RFC 4180, header row). ' +
      'Overrides `Accept` (`application/x-ndjson`, `text/csv`). NDJSON and CSV are streamed and have no range limit.',
  )
  .meta({ example: 'csv' })
  .optional();

export const groupParam = z
  .enum(['week', 'month'])
  .describe(
    'Downsample: one entry per ISO week (Monday to Sunday) or calendar month, with days observed and per ' +
      'currency the average and the last observation',
  )
  .meta({ example: 'month' })
  .optional();

export const rangeToParam = dateParam('Last day, YYYY-MM-DD (inclusive, not in the future; default: today, UTC)')
  .meta({ example: '2024-01-31' })
  .optional();

/** A streamed export's query: the range procedure's parameters, without `fallback` (a JSON-only nicety). */
export const exportQuery = z.strictObject({
  from: dateParam('First day, YYYY-MM-DD'),
  to: rangeToParam,
  base: baseParam,
  symbols: symbolsParam,
  provider: providerParam,
  group: groupParam,
  format: formatParam,
});
