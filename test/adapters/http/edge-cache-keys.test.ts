import * as assert from 'uvu/assert';
import { createTRPCClient, httpBatchLink, httpBatchStreamLink } from '@trpc/client';
import type { AppRouter } from '../../../src/adapters/http/app-router.js';
import { appRouter } from '../../../src/adapters/http/app-router.js';
import { CacheKeys } from '../../../src/adapters/http/edge/cache-key.js';
import { startTestApp, type TestApp } from '../../support/app.js';
import { buildFetched } from '../../support/builders.js';
import { countingRepo } from '../../support/counting-repo.js';
import { apiKeysEnv, testKey } from '../../support/http.js';
import { suite } from '../../support/suite.js';

const NOW = new Date('2024-03-10T12:00:00Z');
const reader = testKey('reader', 'read');
const admin = testKey('admin', 'admin');
const t = suite<{ app?: TestApp; reads?: () => number }>('edge cache: canonical keys, Vary, callers', {});

async function appWith(env: Record<string, string>) {
  const { repo, inner, reads } = countingRepo();
  await inner.upsertMany([buildFetched({ date: '2024-01-02', rates: { EUR: 1, USD: 1.1, GBP: 0.86, JPY: 160 } })]);
  const app = await startTestApp({
    repo,
    now: () => NOW,
    env: { CACHE_MAX_DAYS: '0', PROVIDERS: 'fixer', API_KEYS: apiKeysEnv(reader, admin), ...env },
  });
  return { app, reads };
}

t.before.each(async (ctx) => {
  const { app, reads } = await appWith({});
  ctx.app = app;
  ctx.reads = reads;
});
t.after.each(async (ctx) => ctx.app?.close());

const get = async (ctx: { app?: TestApp }, path: string, headers: Record<string, string> = {}) => {
  const res = await fetch(`${ctx.app!.url}${path}`, { headers });
  return { status: res.status, headers: res.headers, body: await res.text() };
};

t('requests the procedures read alike share one entry: query order, currency case, trailing slash', async (ctx) => {
  const first = await get(ctx, '/rates/2024-01-02?base=GBP&symbols=USD,JPY');
  const reads = ctx.reads!();
  for (const alike of [
    '/rates/2024-01-02?symbols=USD,JPY&base=GBP',
    '/rates/2024-01-02?symbols=usd,jpy&base=gbp',
    '/rates/2024-01-02/?base=GBP&symbols=USD%2CJPY',
  ]) {
    const again = await get(ctx, alike);
    assert.is(again.body, first.body, alike);
    assert.is(again.headers.get('etag'), first.headers.get('etag'), alike);
  }
  assert.is(ctx.reads!(), reads, 'all replayed from the one entry');
  // A tRPC input with its keys in another order is the same question.
  const a = encodeURIComponent(JSON.stringify({ date: '2024-01-02', base: 'usd' }));
  const b = encodeURIComponent(JSON.stringify({ base: 'USD', date: '2024-01-02' }));
  const one = await get(ctx, `/trpc/rates.byDate?input=${a}`);
  const readsAfter = ctx.reads!();
  const two = await get(ctx, `/trpc/rates.byDate?input=${b}`);
  assert.is(two.body, one.body);
  assert.is(ctx.reads!(), readsAfter);
});

t('only exact read routes get a key: dot segments, encoded paths and admin procedures never do', () => {
  const keys = new CacheKeys(appRouter);
  assert.is(keys.canonical('/rates/../ingest/runs'), null);
  assert.is(keys.canonical('/rates/%2E%2E/ingest/runs'), null);
  assert.is(keys.canonical('/rates/..'), null);
  assert.is(keys.canonical('/ingest/runs'), null);
  assert.is(keys.canonical('/trpc/rates.byDate,ingest.runs?batch=1'), null);
  assert.is(keys.canonical('/trpc/ingest.run'), null);
  // A refused value must not share a valid one's key (`ı` upper-cases to `I`).
  assert.is.not(keys.canonical('/rates/latest?base=%C4%B1dr'), keys.canonical('/rates/latest?base=IDR'));
  assert.is(keys.canonical('/rates/latest?symbols=gbp&base=usd'), '/rates/latest?base=USD&symbols=GBP');
  assert.is(keys.canonical('/currencies/'), '/currencies');
});

t(
  'a streaming tRPC client works after a plain client fetched the same day, and each gets its own bytes',
  async (ctx) => {
    const url = `${ctx.app!.url}/trpc`;
    const plain = createTRPCClient<AppRouter>({ links: [httpBatchLink({ url })] });
    const stream = createTRPCClient<AppRouter>({ links: [httpBatchStreamLink({ url })] });
    const input = { date: '2024-01-02', symbols: 'USD' } as const;
    const fromPlain = await plain.rates.byDate.query(input);
    const againPlain = await plain.rates.byDate.query(input);
    const fromStream = await stream.rates.byDate.query(input);
    assert.equal(againPlain, fromPlain);
    assert.equal(fromStream, fromPlain);
    const streamed = await get(
      ctx,
      `/trpc/rates.byDate?batch=1&input=${encodeURIComponent(JSON.stringify({ 0: input }))}`,
      {
        'trpc-accept': 'application/jsonl',
      },
    );
    const plainBytes = await get(
      ctx,
      `/trpc/rates.byDate?batch=1&input=${encodeURIComponent(JSON.stringify({ 0: input }))}`,
    );
    assert.is.not(streamed.body, plainBytes.body, 'a jsonl stream is not the plain JSON answer');
    assert.match(streamed.headers.get('vary') ?? '', /trpc-accept/i);
  },
);

t('compressed and identity answers follow Accept-Encoding, with Vary', async (ctx) => {
  const path = '/rates/2024-01-02';
  await get(ctx, path);
  const gz = await fetch(`${ctx.app!.url}${path}`, { headers: { 'accept-encoding': 'gzip' } });
  const identity = await fetch(`${ctx.app!.url}${path}`, { headers: { 'accept-encoding': 'identity' } });
  assert.is(await gz.text(), await identity.text(), 'the same answer once decoded');
  if (Number(identity.headers.get('content-length')) >= 1024) {
    assert.is(gz.headers.get('content-encoding'), 'gzip');
    assert.match(gz.headers.get('vary') ?? '', /accept-encoding/i);
  }
  assert.is(identity.headers.get('content-encoding'), null);
});

t('an admin-only answer is never replayed, and admin and anonymous callers never share entries', async (ctx) => {
  const runs =
    '/trpc/rates.byDate,ingest.runs?batch=1&input=' + encodeURIComponent('{"0":{"date":"2024-01-02"},"1":{}}');
  const asAdmin = await get(ctx, runs, admin.header);
  assert.is(asAdmin.status, 200);
  const admins = JSON.parse(asAdmin.body) as { result?: unknown; error?: unknown }[];
  assert.ok(admins[1]?.result, 'the admin got the run log');
  // The same request without a key: the run log part is refused, not replayed from the admin's answer.
  const anonymous = await get(ctx, runs);
  assert.is.not(anonymous.body, asAdmin.body);
  const parts = JSON.parse(anonymous.body) as { result?: unknown; error?: unknown }[];
  assert.ok(parts[1]?.error, 'the run log is refused to anonymous');
  assert.not.ok(parts[1]?.result);
});

t('under AUTH_REQUIRED only keyed callers are served, and from the cache', async () => {
  const { app, reads } = await appWith({ AUTH_REQUIRED: 'true' });
  try {
    const path = '/rates/2024-01-02';
    assert.is((await fetch(`${app.url}${path}`, { headers: reader.header })).status, 200);
    const before = reads();
    assert.is((await fetch(`${app.url}${path}`, { headers: reader.header })).status, 200);
    assert.is(reads(), before, 'a keyed caller hits');
    const anonymous = await fetch(`${app.url}${path}`);
    assert.is(anonymous.status, 401);
    assert.not.match(await anonymous.text(), /currency_rates/);
  } finally {
    await app.close();
  }
});

t('a HEAD hit sends the headers of the kept answer and no body', async (ctx) => {
  const full = await get(ctx, '/rates/2024-01-02');
  const reads = ctx.reads!();
  const head = await fetch(`${ctx.app!.url}/rates/2024-01-02`, { method: 'HEAD' });
  assert.is(head.status, 200);
  assert.is(await head.text(), '');
  assert.is(head.headers.get('etag'), full.headers.get('etag'));
  assert.is(head.headers.get('content-length'), full.headers.get('content-length'));
  assert.is(ctx.reads!(), reads, 'answered from the edge cache');
});

t('/metrics shows the edge cache: hits, misses, bytes, entries', async (ctx) => {
  await get(ctx, '/rates/2024-01-02');
  await get(ctx, '/rates/2024-01-02');
  const text = await (await fetch(`${ctx.app!.url}/metrics`)).text();
  const value = (name: string) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1]);
  assert.ok(value('fxrates_edge_cache_hits_total') >= 1, text);
  assert.ok(value('fxrates_edge_cache_misses_total') >= 1);
  assert.ok(value('fxrates_edge_cache_entries') >= 1);
  assert.ok(value('fxrates_edge_cache_bytes') > 0);
});

t.run();
