import { z } from 'zod';

/** Query and path parameters shared by the procedures, with their OpenAPI descriptions and examples. */
export const dateParam = (description: string) =>
  z.iso.date({ error: 'must be a calendar date as YYYY-MM-DD' }).describe(description).meta({ example: '2024-01-02' });

export const currencyParam = (description: string, example: string) =>
  z
    .string()
    .regex(/^[A-Za-z]{3}$/, 'must be a three-letter currency code')
    .transform((s) => s.toUpperCase())
    .describe(description)
    .meta({ example });

export const baseParam = currencyParam(
  'Currency the rates are quoted against (default EUR). Other bases are cross rates derived from the stored EUR rates.',
  'USD',
).optional();

// Descriptions and examples go on the inner schema: the OpenAPI generator drops those set after `.optional()`.

export const symbolsParam = z
  .string()
  .regex(/^[A-Za-z]{3}(,[A-Za-z]{3})*$/, 'must be comma-separated three-letter currency codes')
  .describe('Comma-separated currencies to return (default: all of that day)')
  .meta({ example: 'GBP,JPY' })
  .transform((s) => [...new Set(s.toUpperCase().split(','))])
  .optional();

/**
 * One of a few words: an enum behind an identity transform. trpc-to-openapi's REST handler, looking for
 * parameters to coerce from query strings, makes a new `z.string()` out of a bare enum on every request
 * (a few percent of an uncached answer); a transformed enum it leaves alone, and documents the same.
 */
const oneOf = <const T extends readonly [string, ...string[]]>(words: T) => z.enum(words).transform((w) => w);

export const providerParam = oneOf(['fixer', 'ecb'])
  .describe("Only this provider's numbers (default: the preferred provider that has the day)")
  .meta({ example: 'fixer' })
  .optional();

export const fallbackParam = (description: string) =>
  oneOf(['none', 'previous']).describe(description).meta({ example: 'previous' }).optional();

export const asOfParam = z
  .string()
  .max(40)
  .describe(
    'Answer as the service would have at this instant, from what was stored then: an RFC 3339 instant ' +
      '(2024-01-05T12:00:00Z) or a date (the end of that UTC day). Not in the future.',
  )
  .meta({ example: '2024-01-05T12:00:00Z' })
  .optional();

/** A decimal number as JSON writes one (sign, digits, optional fraction and exponent), nothing else. */
const DECIMAL = /^-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

/**
 * Query strings carry numbers as text. `Number()` would also read `0x10` (16), `0b1`, `Infinity`, `''`
 * and `' 5 '`; only the JSON decimal grammar is read here (`1e3` is 1000, as JSON has it), anything
 * else becomes NaN, which the number schema then refuses with 400. tRPC callers send real numbers.
 */
export const strictDecimal = (value: unknown): unknown =>
  typeof value === 'string' ? (DECIMAL.test(value) ? Number(value) : Number.NaN) : value;
