import { z } from 'zod';
import type { RevisionsView } from '../../../app/get-revisions.js';
import { rateTable } from './rate-table.js';
import { provenanceFields, provenanceOf } from './provenance.js';

const change = z.object({
  currency: z.string().meta({ example: 'USD' }),
  before: z.number().nullable().describe('The rate in the state replaced; null when the currency was added'),
  after: z.number().nullable().describe('The rate in this state; null when the currency was removed'),
});

const revision = z.object({
  ...provenanceFields,
  currency_rates: rateTable,
  stored_at: z.string().describe('When this service stored this state (ISO 8601)'),
  replaced_at: z.string().nullable().describe('When it stopped being the answer; null while it is'),
  replaced_by: z
    .object({ provider: z.string(), revision: z.number().int(), fetched_at: z.string() })
    .nullable()
    .describe('What replaced it: its own provider’s next state, or a preferred provider’s day'),
  changes: z.array(change).describe('Per currency, what changed from the state it replaced (none for the first)'),
});

export const revisionsResponse = z.object({
  date: z.string().meta({ example: '2024-01-02' }),
  base: z.string().meta({ example: 'EUR' }),
  revisions: z.array(revision).describe('Every state of every provider that stored the day, oldest first'),
});

export function toRevisionsResponse(v: RevisionsView): z.output<typeof revisionsResponse> {
  return {
    date: v.date,
    base: v.base,
    revisions: v.revisions.map((r) => ({
      ...provenanceOf(r.view.source),
      currency_rates: r.view.rates,
      stored_at: r.view.source.storedAt.toISOString(),
      replaced_at: r.replacedAt?.toISOString() ?? null,
      replaced_by: r.replacedBy
        ? {
            provider: r.replacedBy.provider,
            revision: r.replacedBy.revision,
            fetched_at: r.replacedBy.fetchedAt.toISOString(),
          }
        : null,
      changes: r.changes.map((c) => ({ currency: c.code, before: c.before ?? null, after: c.after ?? null })),
    })),
  };
}
