import { z } from 'zod';
import { isProvisional, type DailyRates } from '../../../domain/daily-rates.js';

/** Where a day's numbers came from; part of every answer that carries rates. */
export const provenanceFields = {
  provider: z.string().describe('Which provider sent the numbers').meta({ example: 'fixer' }),
  fetched_at: z.string().describe('When the provider was last asked for this day (ISO 8601)'),
  source_timestamp: z.string().nullable().describe('When the provider says it collected the rates'),
  revision: z.number().int().describe('1, plus one for each time the provider changed a value of this day'),
  provisional: z.boolean().describe('True when fetched before the day ended (UTC): values may still change'),
};

export function provenanceOf(day: DailyRates) {
  return {
    provider: day.provider,
    fetched_at: day.fetchedAt.toISOString(),
    source_timestamp: day.sourceTimestamp?.toISOString() ?? null,
    revision: day.revision,
    provisional: isProvisional(day),
  };
}

/** The instant an `as_of` answer is for; absent on answers about now. */
export const asOfField = {
  as_of: z
    .string()
    .optional()
    .describe('Present when `as_of` was asked: the instant this answer is for (ISO 8601)')
    .meta({ example: '2024-01-05T12:00:00.000Z' }),
};

export const asOfOf = (asOf: Date | undefined) => (asOf ? { as_of: asOf.toISOString() } : {});
