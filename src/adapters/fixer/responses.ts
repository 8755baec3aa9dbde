import { z } from 'zod';

/** Fixer-level failure, on both hosts and usually with HTTP 200. `info` is often absent (105, 201). */
export const envelopeErrorSchema = z.object({
  success: z.literal(false),
  error: z.object({
    code: z.number().int(),
    type: z.string().optional(),
    info: z.string().optional(),
  }),
});
export type EnvelopeError = z.infer<typeof envelopeErrorSchema>['error'];

/** APILayer gateway (Kong) failure: no `success` key, a real 4xx/429 status. */
export const gatewayErrorSchema = z.object({ message: z.string() });

/** Rates are checked for being positive separately, to name the offending currency. */
const rateTable = z.record(z.string(), z.number());

/** `/{YYYY-MM-DD}` (and `/latest`, which has no `historical`). `timestamp` is Unix seconds. */
export const historicalSchema = z.object({
  success: z.literal(true),
  timestamp: z.number().int().optional(),
  historical: z.boolean().optional(),
  base: z.string(),
  date: z.string(),
  rates: rateTable,
});

export const timeseriesSchema = z.object({
  success: z.literal(true),
  timeseries: z.boolean().optional(),
  start_date: z.string(),
  end_date: z.string(),
  base: z.string(),
  rates: z.record(z.string(), rateTable),
});

/** `/symbols`: code → English name. */
export const symbolsSchema = z.object({
  success: z.literal(true),
  symbols: z.record(z.string().regex(/^[A-Z]{3}$/), z.string()),
});
