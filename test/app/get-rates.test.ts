import * as assert from 'uvu/assert';
import { InMemoryRateRepository } from '../../src/adapters/memory/in-memory-rate-repository.js';
import { GetRates } from '../../src/app/get-rates.js';
import { buildFetched } from '../support/builders.js';
import { testContainer } from '../support/container.js';
import { suite } from '../support/suite.js';

const t = suite<{ uc?: GetRates }>('GetRates use case', {});

t.before(async (ctx) => {
  const repo = new InMemoryRateRepository();
  await repo.upsertMany([buildFetched({ date: '2024-01-02', rates: { EUR: 1, USD: 2, GBP: 0.5 } })]);
  ctx.uc = testContainer({ repo, now: () => new Date('2024-01-05T00:00:00Z') }).resolve(GetRates);
});

t('returns the stored day against the default base', async (ctx) => {
  const r = await ctx.uc!.execute({ date: '2024-01-02' });
  assert.ok(r.ok);
  if (r.ok) assert.equal(r.value.rates, { EUR: 1, USD: 2, GBP: 0.5 });
});

t('rebases and filters', async (ctx) => {
  const r = await ctx.uc!.execute({ date: '2024-01-02', base: 'USD', symbols: ['GBP', 'EUR'] });
  assert.ok(r.ok);
  if (r.ok) assert.equal(r.value.rates, { GBP: 0.25, EUR: 0.5 });
});

t('fails with stable codes', async (ctx) => {
  const codes = await Promise.all(
    [
      { date: '2024-02-30' },
      { date: '2024-01-06' },
      { date: '2024-01-03' },
      { date: '2024-01-02', base: 'eur' },
      { date: '2024-01-02', symbols: ['USD', 'XYZ'] },
    ].map(async (q) => {
      const r = await ctx.uc!.execute(q);
      return r.ok ? 'ok' : r.error.code;
    }),
  );
  assert.equal(codes, [
    'RATES.INVALID_DATE',
    'RATES.FUTURE_DATE',
    'RATES.NOT_FOUND',
    'RATES.INVALID_CURRENCY',
    'RATES.UNKNOWN_CURRENCY',
  ]);
});

t('today is not the future', async (ctx) => {
  const r = await ctx.uc!.execute({ date: '2024-01-05' });
  assert.is(r.ok ? 'ok' : r.error.code, 'RATES.NOT_FOUND');
});

t.run();
