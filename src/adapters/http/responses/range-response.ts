import { z } from 'zod';
import type { RangeView } from '../../../app/get-range.js';
import type { GroupedRangeView } from '../../../app/get-grouped-range.js';
import { periodResponse, toPeriodResponse } from '../streaming/period-json.js';
import { dayResponse, toDayResponse } from './day-response.js';
import { asOfField, asOfOf } from './provenance.js';

export const rangeResponse = z.object({
  from: z
    .string()
    .describe('First day covered: the day asked, or the earlier day `fallback=previous` started at')
    .meta({ example: '2024-01-01' }),
  requested_from: z
    .string()
    .optional()
    .describe('Only when `fallback=previous` started before the day asked: the day asked')
    .meta({ example: '2024-01-01' }),
  to: z
    .string()
    .describe('Last day covered: the day asked, or today (UTC) when `to` was left out')
    .meta({ example: '2024-01-31' }),
  last_date: z
    .string()
    .nullable()
    .describe('The newest day in the answer (null when it holds none): how far an open-ended range reached')
    .meta({ example: '2024-01-31' }),
  base: z.string().meta({ example: 'EUR' }),
  rates: z
    .array(dayResponse.omit({ requested_date: true, base: true, as_of: true }))
    .describe('One entry per stored day, ascending (empty when `group` is set: see `periods`)'),
  group: z.enum(['week', 'month']).optional().describe('Only when grouped: the period length'),
  periods: z
    .array(periodResponse)
    .optional()
    .describe('Only when grouped: one entry per ISO week or calendar month with stored days, ascending'),
  ...asOfField,
});

export function toRangeResponse(v: RangeView): z.output<typeof rangeResponse> {
  return {
    from: v.from,
    ...(v.requestedFrom ? { requested_from: v.requestedFrom } : {}),
    to: v.to,
    last_date: v.days.at(-1)?.date ?? null,
    base: v.base,
    rates: v.days.map((d) => {
      const { base: _base, requested_date: _r, ...rest } = toDayResponse(d);
      return rest;
    }),
    ...asOfOf(v.asOf),
  };
}

export function toGroupedRangeResponse(v: GroupedRangeView): z.output<typeof rangeResponse> {
  return {
    from: v.from,
    to: v.to,
    last_date: v.lastDate,
    base: v.base,
    rates: [],
    group: v.group,
    periods: v.periods.map(toPeriodResponse),
  };
}
