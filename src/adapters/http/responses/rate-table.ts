import { z } from 'zod';

/**
 * True for a plain table of finite numbers. A loop, not `z.record(z.string(), z.number())`: every answer
 * with rates is checked on its way out, a day holds about 170 of them and a range thousands, and zod's
 * record copies the table and runs two schemas per entry (about a tenth of an uncached answer's time).
 */
function isRateTable(value: unknown): value is Record<string, number> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  // Object.keys, not for-in: a table this size is a dictionary-mode object, which for-in walks slower.
  const codes = Object.keys(value);
  for (let i = 0; i < codes.length; i++) {
    const rate = (value as Record<string, unknown>)[codes[i]!];
    if (typeof rate !== 'number' || !Number.isFinite(rate)) return false;
  }
  return true;
}

/** Units of each currency per one unit of base; documented as the record it is. */
export const rateTable = z
  .custom<Record<string, number>>(isRateTable, { message: 'Expected an object of finite numbers' })
  .describe('Units of each currency per one unit of base')
  .meta({
    example: { USD: 1.093434, GBP: 0.862 },
    override: { type: 'object', propertyNames: { type: 'string' }, additionalProperties: { type: 'number' } },
  });
