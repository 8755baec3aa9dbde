import * as assert from 'uvu/assert';
import autocannon from 'autocannon';
import { addDays, type IsoDate } from '../../src/domain/iso-date.js';
import { testDb, type TestDb } from '../support/mongo.js';
import { suite } from '../support/suite.js';
import { startSeededService, type SeededService } from './support/service.js';
import { summary, tally } from './support/summary.js';

/**
 * The attacks of issue 17, against the real service (its own process, default limits) over three years
 * of stored days on the test database. Bounds are generous (no healthy run comes near them); the
 * figures each scenario prints are what the README quotes.
 */
const t = suite<{ db?: TestDb; app?: SeededService }>('reliability: one client cannot exhaust the service', {});

const YEARS = 3;
/** RSS the ten largest answers (about 2 MB each) may leave behind, in MB: mostly V8 heap headroom. */
const RSS_GROWTH_BOUND_MB = 300;
/** Every probe while attacked must answer within this (ms): a generous bound, not a measurement. */
const PROBE_BOUND_MS = 1_000;

t.before(async (ctx) => {
  ctx.db = await testDb();
  ctx.app = await startSeededService({
    uri: ctx.db.uri,
    dbName: ctx.db.name,
    days: YEARS * 365,
    // The default rate limit, with the loopback proxy trusted: the attack below then comes from as many
    // addresses as it likes (a botnet), the worst case for per-address limits.
    env: { RATE_LIMIT_PER_MINUTE: '600', TRUST_PROXY: 'loopback' },
  });
});
t.after(async (ctx) => {
  await ctx.app?.dispose();
});

const trpcBatch = (calls: readonly { procedure: string; input: object }[]) =>
  `/trpc/${calls.map((c) => c.procedure).join(',')}?batch=1&input=` +
  encodeURIComponent(JSON.stringify(Object.fromEntries(calls.map((c, i) => [i, c.input]))));

/** The most a request may ask: two years-long ranges of every currency (2 x 13 of the 32 units allowed). */
const maximal = (last: IsoDate) =>
  trpcBatch([
    { procedure: 'rates.range', input: { from: addDays(last, -365), to: last } },
    { procedure: 'rates.range', input: { from: addDays(last, -731), to: addDays(last, -366) } },
  ]);

let clientNo = 0;
const asClient = () => ({ 'x-forwarded-for': `198.18.${(clientNo >> 8) & 255}.${clientNo++ & 255}` });

async function timed(url: string, headers: Record<string, string> = {}) {
  const started = performance.now();
  const res = await fetch(url, { headers });
  await res.arrayBuffer();
  return { status: res.status, ms: performance.now() - started };
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]! * 10) / 10;
};

t('oversized batches are refused before any work; ten distinct maximal requests leave bounded RSS', async (ctx) => {
  const { service, dates } = ctx.app!;
  const last = dates.at(-1)!;
  const many = trpcBatch(Array.from({ length: 175 }, () => ({ procedure: 'rates.latest', input: {} })));
  // The router refuses a path that long (414) before the edge even prices it; 21 calls get 400.
  assert.ok([400, 414].includes((await timed(service.url + many, asClient())).status), '175 calls');
  const threeYears = trpcBatch(
    [0, 1, 2].map((y) => ({
      procedure: 'rates.range',
      input: { from: addDays(last, -365 * (y + 1) + 1), to: addDays(last, -365 * y) },
    })),
  );
  assert.is((await timed(service.url + threeYears, asClient())).status, 400, 'three years of everything');
  const before = service.memory();
  const sizes: number[] = [];
  const codes: string[] = [];
  for (let i = 0; i < 10; i++) {
    // A well-behaved client: when shed (503 SERVICE.OVERLOADED), it waits as Retry-After says.
    let res = await fetch(service.url + maximal(addDays(last, -7 * i)), { headers: asClient() });
    for (let tries = 0; res.status === 503 && tries < 5; tries++) {
      codes.push(((await res.json()) as { error: { data: { error: string } } }).error.data.error);
      await new Promise((r) => setTimeout(r, 1000 * Number(res.headers.get('retry-after') ?? 1)));
      res = await fetch(service.url + maximal(addDays(last, -7 * i)), { headers: asClient() });
    }
    const body = await res.arrayBuffer();
    assert.is(res.status, 200, `maximal request ${i} (${codes.join(', ')})`);
    sizes.push(body.byteLength);
  }
  const after = service.memory();
  summary('10 distinct maximal requests', {
    answerMB: Math.round((Math.max(...sizes) / 1024 / 1024) * 100) / 100,
    rssBeforeMB: before ? Math.round(before.rssKb / 1024) : 'n/a',
    rssAfterMB: after ? Math.round(after.rssKb / 1024) : 'n/a',
    shed: tally(codes),
  });
  assert.ok(service.alive(), service.output());
  if (process.platform === 'linux') assert.ok(before && after, 'memory readable from /proc');
  if (before && after) {
    const growthMb = (after.rssKb - before.rssKb) / 1024;
    assert.ok(growthMb < RSS_GROWTH_BOUND_MB, `RSS grew ${Math.round(growthMb)} MB`);
  }
});

t(
  'while 16 connections send the most expensive requests allowed, /healthz and a cached day keep answering',
  async (ctx) => {
    const { service, dates } = ctx.app!;
    const last = dates.at(-1)!;
    const settled = `${service.url}/rates/${dates.at(-30)!}`;
    assert.is((await timed(settled)).status, 200, 'warm the edge cache');
    const probe = async () => [await timed(`${service.url}/healthz`), await timed(settled, asClient())];
    const idle: number[][] = [[], []];
    for (let i = 0; i < 20; i++) (await probe()).forEach((p, k) => idle[k]!.push(p.ms));

    let attacking = true;
    const attack = autocannon({
      url: service.url,
      connections: 16,
      duration: 10,
      timeout: 60,
      // Each request a distinct maximal batch from a fresh address: nothing cached, no bucket empties.
      requests: [
        {
          method: 'GET',
          setupRequest: (req) => ({
            ...req,
            path: maximal(addDays(last, -Math.floor(Math.random() * 300))),
            headers: { ...req.headers, ...asClient() },
          }),
        },
      ],
    });
    const attacked: { status: number; ms: number }[][] = [[], []];
    const probing = (async () => {
      await new Promise((r) => setTimeout(r, 500));
      while (attacking) {
        (await probe()).forEach((p, k) => attacked[k]!.push(p));
        await new Promise((r) => setTimeout(r, 100));
      }
    })();
    const result = await attack;
    attacking = false;
    await probing;

    const statuses: Record<string, number> = {};
    for (const [code, s] of Object.entries(result.statusCodeStats ?? {})) statuses[code] = s.count ?? 0;
    const ms = (k: number) => attacked[k]!.map((p) => p.ms);
    summary('16 connections of maximal batches x 10 s', {
      attackStatuses: statuses,
      attackP50Ms: result.latency.p50,
      healthzIdleP50Ms: pct(idle[0]!, 50),
      healthzIdleMaxMs: pct(idle[0]!, 100),
      healthzAttackedP50Ms: pct(ms(0), 50),
      healthzAttackedMaxMs: pct(ms(0), 100),
      cachedIdleP50Ms: pct(idle[1]!, 50),
      cachedAttackedP50Ms: pct(ms(1), 50),
      cachedAttackedMaxMs: pct(ms(1), 100),
      probes: attacked[0]!.length,
    });
    assert.ok(service.alive(), service.output());
    assert.ok(attacked[0]!.length >= 10, 'probes ran during the attack');
    assert.equal(tally(attacked[0]!.map((p) => p.status)), { 200: attacked[0]!.length }, '/healthz: always 200');
    assert.equal(tally(attacked[1]!.map((p) => p.status)), { 200: attacked[1]!.length }, 'the cached day: always 200');
    for (const k of [0, 1]) {
      const worst = Math.max(...ms(k));
      assert.ok(worst < PROBE_BOUND_MS, `${k === 0 ? '/healthz' : 'cached day'}: a probe took ${Math.round(worst)} ms`);
    }
    // Each answer is served, rate limited, shed or ended by the deadline (503): nothing else, no crash.
    const other = Object.keys(statuses).filter((c) => !['200', '429', '503'].includes(c));
    assert.equal(other, [], `attack statuses ${JSON.stringify(statuses)}`);
    assert.is(result.errors, 0, 'no connection errors');
  },
);

t.run();
