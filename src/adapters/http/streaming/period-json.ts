import { z } from 'zod';
import type { PeriodRates } from '../../../domain/group-days.js';
import { rateTable } from '../responses/rate-table.js';

/** A period of a grouped range, the same in JSON and NDJSON. */
export const periodResponse = z.object({
  period_start: z
    .string()
    .describe('First calendar day of the ISO week (Monday) or month')
    .meta({ example: '2024-01-01' }),
  period_end: z
    .string()
    .describe('Last calendar day of the ISO week (Sunday) or month')
    .meta({ example: '2024-01-31' }),
  days_observed: z.number().int().describe('Stored days with rates in the period').meta({ example: 22 }),
  last_date: z.string().describe('The last observed day: the day `last` is from').meta({ example: '2024-01-31' }),
  average: rateTable.describe(
    'Per currency, the mean of its rates over the days it has one, rounded to 9 significant digits',
  ),
  last: rateTable.describe('Per currency, its rate on the last day it had one in the period'),
  providers: z.array(z.string()).describe('Providers whose days went into the period'),
});

export const toPeriodResponse = (p: PeriodRates): z.output<typeof periodResponse> => ({
  period_start: p.start,
  period_end: p.end,
  days_observed: p.daysObserved,
  last_date: p.lastDate,
  average: p.average,
  last: p.last,
  providers: [...p.providers],
});
