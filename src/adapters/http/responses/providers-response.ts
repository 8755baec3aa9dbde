import { z } from 'zod';
import type { ProviderStatus } from '../../../app/list-providers.js';

const provider = z.object({
  name: z.string().meta({ example: 'ecb' }),
  kind: z.enum(['key', 'no key']).describe('Whether the provider needs an API key (never shown)'),
  configured: z.boolean().describe('Named in PROVIDERS and usable (Fixer needs its key)'),
  data_url: z.string(),
  terms_url: z.string(),
  cadence: z.string().describe('When new rates appear'),
  currencies: z.array(z.string()).describe('Currencies it has given rates for'),
  coverage: z
    .object({ first: z.string(), last: z.string() })
    .nullable()
    .describe('First and last stored day (null: nothing stored)'),
  last_fetched_at: z.string().nullable().describe('When its newest stored day was fetched'),
  missed_publications: z
    .array(z.string())
    .describe(
      'Days of the last 30 (up to yesterday, from its first stored day on) on which it should have published ' +
        'but nothing is stored (ECB holidays it did not publish on are not counted once ingestion saw them)',
    ),
  circuit_breaker: z.enum(['closed', 'half-open', 'open']).describe("This process's breaker for the provider"),
});

export const providersResponse = z.object({ providers: z.array(provider) });

export const toProvidersResponse = (list: readonly ProviderStatus[]): z.output<typeof providersResponse> => ({
  providers: list.map((p) => ({
    name: p.name,
    kind: p.kind,
    configured: p.configured,
    data_url: p.dataUrl,
    terms_url: p.termsUrl,
    cadence: p.cadence,
    currencies: [...p.currencies],
    coverage: p.coverage,
    last_fetched_at: p.lastFetchedAt?.toISOString() ?? null,
    missed_publications: [...p.missedPublications],
    circuit_breaker: p.breaker,
  })),
});
