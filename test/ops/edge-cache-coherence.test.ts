import * as assert from 'uvu/assert';
import type { DependencyContainer } from 'tsyringe';
import { parseConfig } from '../../src/main/config.js';
import { buildContainer } from '../../src/main/container.js';
import { RateStore } from '../../src/app/rate-store.js';
import { silentLogger } from '../../src/domain/logger.js';
import { buildFetched } from '../support/builders.js';
import { testDb, type TestDb } from '../support/mongo.js';
import { eventually, startService, type ServiceProcess } from '../support/service-process.js';
import { suite } from '../support/suite.js';

/**
 * The edge cache of a real service process stays coherent with writes made by another process
 * (here the test's own container over the same database): exactly the entries whose days changed
 * are dropped, the others are still replayed.
 */
const t = suite<{ db?: TestDb; service?: ServiceProcess; writer?: DependencyContainer }>(
  'edge cache across processes',
  {},
);
t.before.each(async (ctx) => {
  ctx.db = await testDb();
  ctx.writer = await buildContainer(
    parseConfig({ MONGODB_URI: ctx.db.uri, MONGODB_DB: ctx.db.name, INGEST_ENABLED: 'false' }),
    silentLogger,
  );
});
t.after.each(async (ctx) => {
  await ctx.service?.stop('SIGKILL');
  await ctx.writer?.dispose();
  await ctx.db?.drop();
});

const USD = (usd: number) => ({ EUR: 1, USD: usd, GBP: 0.86, JPY: 160 });

t('a change in another process drops exactly the entries of the days it touched', async (ctx) => {
  const store = ctx.writer!.resolve(RateStore);
  await store.store(
    ['2024-01-02', '2024-01-03', '2024-01-04', '2024-01-05'].map((date) => buildFetched({ date, rates: USD(1.1) })),
  );
  ctx.service = await startService({
    MONGODB_URI: ctx.db!.uri,
    MONGODB_DB: ctx.db!.name,
    INGEST_ENABLED: 'false',
    GENERATION_POLL_MS: '100',
  });
  const base = `http://127.0.0.1:${ctx.service.port}`;
  const json = async (path: string) => {
    const r = await fetch(`${base}${path}`);
    assert.is(r.status, 200, `${path}: ${r.status}`);
    return (await r.json()) as Record<string, unknown>;
  };
  const hits = async () =>
    Number(/^fxrates_edge_cache_hits_total (\S+)$/m.exec(await (await fetch(`${base}/metrics`)).text())?.[1]);
  const trpc = (input: object) => `/trpc/rates.byDate?input=${encodeURIComponent(JSON.stringify(input))}`;
  const paths = {
    day: '/rates/2024-01-03?symbols=USD',
    convert: '/convert?from=EUR&to=USD&amount=2&date=2024-01-03',
    range: '/rates?from=2024-01-02&to=2024-01-04&symbols=USD',
    trpc: trpc({ date: '2024-01-03', symbols: 'USD' }),
    latest: '/rates/latest?symbols=USD',
    convertLatest: '/convert?from=EUR&to=USD&amount=2',
    currencies: '/currencies',
    untouched: '/rates/2024-01-05?symbols=USD',
  };
  // Each asked twice: the second is a hit.
  for (const p of Object.values(paths)) await json(p);
  const before = await hits();
  for (const p of Object.values(paths)) await json(p);
  assert.is((await hits()) - before, Object.keys(paths).length, 'every read was kept');

  // Another process changes 2024-01-03 and stores a newer day.
  await store.store([
    buildFetched({ date: '2024-01-03', rates: USD(1.5) }),
    buildFetched({ date: '2024-01-08', rates: USD(1.2) }),
  ]);
  const rateOf = (b: Record<string, unknown>) => (b.currency_rates as Record<string, number>).USD;
  await eventually('the changed day is served', 30_000, async () =>
    rateOf(await json(paths.day)) === 1.5 ? true : undefined,
  );
  assert.is((await json(paths.convert)).result, 3, 'convert on that day');
  const range = (await json(paths.range)) as { rates: { date: string; currency_rates: Record<string, number> }[] };
  assert.is(range.rates.find((d) => d.date === '2024-01-03')?.currency_rates.USD, 1.5, 'a range including it');
  const viaTrpc = (await json(paths.trpc)) as { result: { data: { currency_rates: Record<string, number> } } };
  assert.is(viaTrpc.result.data.currency_rates.USD, 1.5, 'tRPC byDate');
  const latest = await json(paths.latest);
  assert.is(latest.date, '2024-01-08', 'latest moved to the newer day');
  assert.is((await json(paths.convertLatest)).result, 2.4, 'convert without a date too');
  const list = (await json(paths.currencies)) as { currencies: { code: string; last_date: string }[] };
  assert.is(list.currencies.find((c) => c.code === 'USD')?.last_date, '2024-01-08', 'the currency list');
  // A day the change did not touch is still replayed.
  const h = await hits();
  assert.is(rateOf(await json(paths.untouched)), 1.1);
  assert.is((await hits()) - h, 1, 'the untouched day was still a hit');
});

t.run();
