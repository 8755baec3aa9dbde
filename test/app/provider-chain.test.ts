import * as assert from 'uvu/assert';
import { currency } from '../../src/domain/currency.js';
import { isoDate } from '../../src/domain/iso-date.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { expectedRates } from '../support/ecb-sandbox.js';
import { ingestRig, request, type IngestRig } from '../support/ingest-rig.js';
import { suite } from '../support/suite.js';

/** Both sandboxes over real HTTP; "now" is Saturday 2024-06-15 12:00 UTC, the ECB's newest day Friday 06-14. */
const t = suite<{ rig?: IngestRig; app?: TestApp }>('provider chain: ECB alone, fallback, replacement, serving', {});
t.after.each(async (ctx) => {
  await ctx.app?.close();
  await ctx.rig?.dispose();
  ctx.app = undefined;
  ctx.rig = undefined;
});
const EUR = currency('EUR');
const ok = <T>(r: { ok: true; value: T } | { ok: false; error: Error }): T => {
  if (!r.ok) throw r.error;
  return r.value;
};
const lastDays = (days: number) => request({ kind: 'recent', days });

t('ECB alone: working days stored, weekends recorded as no publication and never asked again', async (ctx) => {
  const rig = (ctx.rig = await ingestRig({ providers: ['ecb'] }));
  const out = ok(await rig.ingest.execute(lastDays(14), { trigger: 'cli' }));
  assert.equal(out.report.noPublication, ['2024-06-01', '2024-06-02', '2024-06-08', '2024-06-09']);
  assert.is(out.report.inserted.length, 10);
  assert.equal(out.report.failed, []);
  assert.is(rig.ecbSandbox!.requests.count, 1, 'one 90-day file for the whole run');
  const day = await rig.repo.findByDate(isoDate('2024-06-14'), EUR);
  assert.is(day?.provider, 'ecb');
  assert.equal(day?.rates, expectedRates('2024-06-14'));

  const again = ok(await rig.ingest.execute(lastDays(14), { trigger: 'schedule' }));
  assert.equal(again.plan.fetch, [], 'weekends are not retried, working days are final');
  assert.is(rig.ecbSandbox!.requests.count, 1);
});

t('Fixer failing: the ECB stands in; later the preferred provider’s days are stored and served first', async (ctx) => {
  const rig = (ctx.rig = await ingestRig({
    providers: ['fixer', 'ecb'],
    sandbox: { failRate: 1 },
    fixer: { retries: 1 },
  }));
  const out = ok(await rig.ingest.execute(lastDays(7), { trigger: 'cli' }));
  assert.equal(out.report.inserted, ['2024-06-10', '2024-06-11', '2024-06-12', '2024-06-13', '2024-06-14']);
  // The weekend: Fixer is down and the ECB did not publish, so nobody has it: failed, asked again next run.
  assert.equal(
    out.report.failed.map((f) => f.date),
    ['2024-06-08', '2024-06-09'],
  );
  assert.equal(out.report.noPublication, []);
  assert.is((await rig.repo.findByDate(isoDate('2024-06-12'), EUR))?.provider, 'ecb');

  rig.sandbox.set({ failRate: 0 });
  const later = ok(await rig.ingest.execute(lastDays(7), { trigger: 'schedule' }));
  assert.is(later.plan.fetch.length, 7, 'days only the fallback delivered are fetched from the preferred provider');
  assert.is(later.report.inserted.length, 7);
  assert.is((await rig.repo.findByDate(isoDate('2024-06-12'), EUR, { prefer: ['fixer', 'ecb'] }))?.provider, 'fixer');

  ctx.app = await startTestApp({
    repo: rig.repo,
    catalog: rig.catalog,
    now: rig.clock,
    env: { PROVIDERS: 'fixer,ecb' },
  });
  const get = async (path: string) => (await fetch(`${ctx.app!.url}${path}`)).json() as Promise<Record<string, any>>; // eslint-disable-line @typescript-eslint/no-explicit-any
  assert.is((await get('/rates/2024-06-12')).provider, 'fixer', 'the preferred provider is served');
  const ecb = await get('/rates/2024-06-12?provider=ecb&symbols=USD');
  assert.is(ecb.provider, 'ecb');
  assert.is(ecb.currency_rates.USD, expectedRates('2024-06-12').USD);
  assert.is((await get('/rates/2024-06-08?provider=ecb')).code, 'RATES.NOT_FOUND');
  const usd = (await get('/currencies')).currencies.find((c: { code: string }) => c.code === 'USD');
  assert.equal(usd.providers, ['ecb', 'fixer']);
  const btc = (await get('/currencies')).currencies.find((c: { code: string }) => c.code === 'BTC');
  assert.equal(btc.providers, ['fixer'], 'the ECB has no BTC');
});

t(
  'fetch on miss through the chain: the ECB’s day, stored when Fixer fails, is served and not fetched again',
  async (ctx) => {
    const rig = (ctx.rig = await ingestRig({
      providers: ['fixer', 'ecb'],
      sandbox: { failRate: 1 },
      fixer: { retries: 1 },
    }));
    ctx.app = await startTestApp({
      repo: rig.repo,
      catalog: rig.catalog,
      provider: rig.provider,
      now: rig.clock,
      env: { FETCH_ON_MISS: 'true', PROVIDERS: 'fixer,ecb' },
    });
    const first = await fetch(`${ctx.app.url}/rates/2024-06-12?symbols=USD`);
    assert.is(first.status, 200);
    assert.is(((await first.json()) as { provider: string }).provider, 'ecb');
    const asked = rig.sandbox.requests.count + rig.ecbSandbox!.requests.count;
    assert.is((await fetch(`${ctx.app.url}/rates/2024-06-12?symbols=GBP`)).status, 200);
    assert.is(rig.sandbox.requests.count + rig.ecbSandbox!.requests.count, asked, 'found stored: no provider asked');
  },
);

t('Fixer’s quota spent: the ECB serves the rest, and Fixer is not asked again this month', async (ctx) => {
  const rig = (ctx.rig = await ingestRig({ providers: ['fixer', 'ecb'], sandbox: { plan: 'free', monthlyQuota: 0 } }));
  const out = ok(await rig.ingest.execute(lastDays(7), { trigger: 'cli' }));
  assert.is(out.report.inserted.length, 5);
  assert.is(out.report.stoppedEarly, null, 'a fallback keeps the run going');
  assert.is(rig.sandbox.requests.count, 1, 'the first 104 spends the budget; later calls are refused locally');
  assert.is((await rig.repo.findByDate(isoDate('2024-06-11'), EUR))?.provider, 'ecb');
});

t('permanent answers about a day do not fall back', async (ctx) => {
  const rig = (ctx.rig = await ingestRig({
    providers: ['fixer', 'ecb'],
    sandbox: { plan: 'free', dateErrors: [{ dates: ['2024-06-12'], code: 106 }] },
  }));
  const out = ok(
    await rig.ingest.execute(request({ kind: 'dates', dates: [isoDate('2024-06-12')] }), { trigger: 'cli' }),
  );
  assert.is(out.report.failed[0]?.kind, 'permanent');
  assert.is(rig.ecbSandbox!.requests.count, 0);
});

t.run();
