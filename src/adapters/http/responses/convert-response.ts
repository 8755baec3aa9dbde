import { z } from 'zod';
import type { Conversion } from '../../../app/convert.js';
import { asOfField, asOfOf, provenanceFields, provenanceOf } from './provenance.js';

export const convertResponse = z.object({
  from: z.string().meta({ example: 'USD' }),
  to: z.string().meta({ example: 'JPY' }),
  amount: z.number().meta({ example: 25 }),
  date: z.string().describe('The day whose rate was used').meta({ example: '2024-01-02' }),
  rate: z.number().describe('Units of `to` per one `from` on that day').meta({ example: 143.309976 }),
  result: z.number().describe('amount × rate, rounded to 9 significant digits').meta({ example: 3582.7494 }),
  ...provenanceFields,
  ...asOfField,
});

export function toConvertResponse(c: Conversion): z.output<typeof convertResponse> {
  return {
    from: c.from,
    to: c.to,
    amount: c.amount,
    date: c.source.date,
    rate: c.rate,
    result: c.result,
    ...provenanceOf(c.source),
    ...asOfOf(c.asOf),
  };
}
