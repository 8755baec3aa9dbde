import * as assert from 'uvu/assert';
import { load } from '../../bench/load.js';
import { addDays, type IsoDate } from '../../src/domain/iso-date.js';
import { testDb, type TestDb } from '../support/mongo.js';
import { suite } from '../support/suite.js';
import { startSeededService, type SeededService } from './support/service.js';
import { summary } from './support/summary.js';

const t = suite<{ db?: TestDb; app?: SeededService }>('reliability: sustained mixed load', {});

t.before(async (ctx) => {
  ctx.db = await testDb();
  ctx.app = await startSeededService({ uri: ctx.db.uri, dbName: ctx.db.name, days: 45 });
});
t.after(async (ctx) => {
  await ctx.app?.dispose();
});

/** What clients ask, in rough proportion: mostly single days, some of everything else, a few mistakes. */
function mixedPath(dates: readonly IsoDate[]): () => string {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(Math.random() * xs.length)]!;
  const weighted: [number, (d: IsoDate) => string][] = [
    [35, (d) => `/rates/${d}`],
    [20, (d) => `/rates/${d}?base=USD&symbols=GBP,JPY`],
    [20, (d) => `/trpc/rates.byDate?input=${encodeURIComponent(JSON.stringify({ date: d, base: 'GBP' }))}`],
    [10, (d) => `/convert?from=USD&to=JPY&amount=${Math.ceil(Math.random() * 1000)}&date=${d}`],
    [5, () => '/currencies'],
    [3, () => '/openapi.json'],
    // These read the database on every request (a full scan on FerretDB's SQLite backend): kept rare,
    // or a closed loop of 50 clients ends up waiting on them alone.
    [2, () => '/rates/latest'],
    [1, (d) => `/rates?from=${addDays(d, -6)}&to=${d}&symbols=USD`],
    [2, (d) => `/rates/${d.replaceAll('-', '/')}`], // 404
    [2, () => `/rates/2024-13-45`], // 400
  ];
  const table = weighted.flatMap(([n, f]) => Array.from({ length: n }, () => f));
  return () => pick(table)(pick(dates.slice(7)));
}

t('50 clients for 20 s: no 5xx, no connection errors, RSS stays within 1.5x of warm-up', async (ctx) => {
  const { service, dates } = ctx.app!;
  const path = mixedPath(dates);
  // Warm-up: every day cached, JIT settled, pools and buffers at their working size.
  await load({ url: service.url, path, connections: 50, seconds: 5 });
  const warm = service.memory();
  const r = await load({ url: service.url, path, connections: 50, seconds: 20 });
  const end = service.memory();
  const fivexx = Object.entries(r.statuses)
    .filter(([code]) => code.startsWith('5'))
    .reduce((n, [, c]) => n + c, 0);
  summary('50 clients x 20 s, mixed routes', {
    requests: r.requests,
    reqPerSec: Math.round(r.requestsPerSecond),
    p99Ms: r.p99Ms,
    statuses: r.statuses,
    errors: r.errors,
    rssWarmMB: warm ? Math.round(warm.rssKb / 1024) : 'n/a',
    rssAfterMB: end ? Math.round(end.rssKb / 1024) : 'n/a',
    peakMB: end ? Math.round(end.peakKb / 1024) : 'n/a',
  });
  assert.ok(service.alive(), service.output());
  assert.is(fivexx, 0, `5xx answers: ${JSON.stringify(r.statuses)}\n${service.output()}`);
  assert.is(r.errors, 0, 'connection errors or timeouts');
  assert.ok(r.requests > 0);
  assert.ok((r.statuses['200'] ?? 0) > 0 && (r.statuses['404'] ?? 0) > 0 && (r.statuses['400'] ?? 0) > 0);
  // Memory is read from /proc: on a system without it there is nothing to compare.
  if (warm && end) assert.ok(end.rssKb <= 1.5 * warm.rssKb, `RSS ${warm.rssKb} kB -> ${end.rssKb} kB`);
});

t.run();
