import { z } from 'zod';
import type { RangeView } from '../../../app/get-range.js';
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
  to: z.string().meta({ example: '2024-01-31' }),
  base: z.string().meta({ example: 'EUR' }),
  rates: z
    .array(dayResponse.omit({ requested_date: true, base: true, as_of: true }))
    .describe('One entry per stored day, ascending'),
  ...asOfField,
});

export function toRangeResponse(v: RangeView): z.output<typeof rangeResponse> {
  return {
    from: v.from,
    ...(v.requestedFrom ? { requested_from: v.requestedFrom } : {}),
    to: v.to,
    base: v.base,
    rates: v.days.map((d) => {
      const { base: _base, requested_date: _r, ...rest } = toDayResponse(d);
      return rest;
    }),
    ...asOfOf(v.asOf),
  };
}
