import * as assert from 'uvu/assert';
import { Metrics } from '../../../src/adapters/metrics/metrics.js';
import type { RatesChangeFeed } from '../../../src/app/rates-change-feed.js';
import { TOKENS } from '../../../src/app/tokens.js';
import { isoDate } from '../../../src/domain/iso-date.js';
import { startTestApp, type TestApp } from '../../support/app.js';
import { trpcQuery } from '../../support/http.js';
import { ingestRig, request, type IngestRig } from '../../support/ingest-rig.js';
import { suite } from '../../support/suite.js';

/**
 * GET /providers over real HTTP, on ECB days ingested from the ECB sandbox into a real MongoDB-wire
 * server (2024-05-01 to 2024-06-07; "now" is Saturday 2024-06-15 12:00 UTC), Fixer configured with a key.
 */
const t = suite<{ rig?: IngestRig; app?: TestApp }>('GET /providers and providers.list', {});
const FIXER_KEY = 'fixer-key-that-must-never-show';

t.before(async (ctx) => {
  ctx.rig = await ingestRig({ providers: ['ecb'] });
  const r = await ctx.rig.ingest.execute(
    request({ kind: 'range', from: isoDate('2024-05-01'), to: isoDate('2024-06-07') }),
    { trigger: 'cli' },
  );
  if (!r.ok) throw new Error('seeding failed');
  const { repo, catalog, clock } = ctx.rig;
  ctx.app = await startTestApp({
    repo,
    catalog,
    now: clock,
    env: { PROVIDERS: 'ecb,fixer', FIXER_API_KEY: FIXER_KEY },
  });
});
t.after(async (ctx) => {
  await ctx.app?.close();
  await ctx.rig?.dispose();
});

type Provider = Record<string, unknown> & { name: string; coverage: { first: string; last: string } | null };

t('each known provider: kind, pages, cadence, coverage, missed publications; never a key', async (ctx) => {
  const res = await fetch(`${ctx.app!.url}/providers`);
  assert.is(res.status, 200);
  const text = await res.text();
  assert.not.ok(text.includes(FIXER_KEY));
  const { providers } = JSON.parse(text) as { providers: Provider[] };
  assert.equal(
    providers.map((p) => [p.name, p.kind, p.configured]),
    [
      ['fixer', 'key', true],
      ['ecb', 'no key', true],
    ],
  );
  const ecb = providers[1]!;
  assert.equal(ecb.coverage, { first: '2024-05-02', last: '2024-06-07' });
  assert.match(String(ecb.cadence), /16:00 CET/);
  assert.match(String(ecb.terms_url), /^https:\/\/www\.ecb\.europa\.eu\//);
  assert.ok((ecb.currencies as string[]).includes('USD'));
  assert.ok(typeof ecb.last_fetched_at === 'string');
  // The week after the last stored day was never ingested: its five working days are missing.
  assert.equal(ecb.missed_publications, ['2024-06-10', '2024-06-11', '2024-06-12', '2024-06-13', '2024-06-14']);
  assert.is(ecb.circuit_breaker, 'closed');
  const fixer = providers[0]!;
  assert.is(fixer.coverage, null);
  assert.equal(fixer.missed_publications, []);
});

t('the circuit breaker state is live; tRPC gives the same list', async (ctx) => {
  ctx.app!.container.resolve(Metrics).breakerState('ecb', 'open');
  const rest = (await (await fetch(`${ctx.app!.url}/providers`)).json()) as { providers: Provider[] };
  assert.is(rest.providers[1]!.circuit_breaker, 'open');
  const trpc = await trpcQuery(ctx.app!.url, 'providers.list', {});
  assert.equal(trpc.body.result.data, rest);
});

t('a provider not configured is still listed, marked so', async () => {
  const app = await startTestApp({ env: { PROVIDERS: 'ecb' } });
  try {
    const { providers } = (await (await fetch(`${app.url}/providers`)).json()) as { providers: Provider[] };
    assert.equal(
      providers.map((p) => [p.name, p.configured, p.coverage]),
      [
        ['fixer', false, null],
        ['ecb', true, null],
      ],
    );
  } finally {
    await app.close();
  }
});

t('a change to stored data drops the cached list: the next answer shows the new coverage', async (ctx) => {
  const before = (await (await fetch(`${ctx.app!.url}/providers`)).json()) as { providers: Provider[] };
  assert.equal(before.providers[1]!.coverage, { first: '2024-05-02', last: '2024-06-07' });
  const r = await ctx.rig!.ingest.execute(
    request({ kind: 'range', from: isoDate('2024-06-10'), to: isoDate('2024-06-14') }),
    { trigger: 'cli' },
  );
  if (!r.ok) throw new Error('ingestion failed');
  // The app hears of another process's writes through its change feed (fed by the data generation).
  ctx.app!.container.resolve<RatesChangeFeed>(TOKENS.RatesChangeFeed).publish([isoDate('2024-06-14')]);
  const after = (await (await fetch(`${ctx.app!.url}/providers`)).json()) as { providers: Provider[] };
  assert.equal(after.providers[1]!.coverage, { first: '2024-05-02', last: '2024-06-14' });
  assert.equal(after.providers[1]!.missed_publications, []);
});

t.run();
