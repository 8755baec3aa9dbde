import * as assert from 'uvu/assert';
import { TokenBuckets } from '../../../src/adapters/http/edge/token-buckets.js';
import { startTestApp, type TestApp } from '../../support/app.js';
import { apiKeysEnv, call, testKey } from '../../support/http.js';
import { suite } from '../../support/suite.js';

const alice = testKey('alice', 'read');
const bob = testKey('bob', 'read');
const t = suite<{ app?: TestApp }>('rate limiting per key and per address', {});

t.before(async (ctx) => {
  // 3 a minute: one token back every 20 s, far longer than the test runs.
  ctx.app = await startTestApp({ env: { API_KEYS: apiKeysEnv(alice, bob), RATE_LIMIT_PER_MINUTE: '3' } });
});
t.after(async (ctx) => void (await ctx.app?.close()));

t('429 with Retry-After and RATE_LIMITED past the allowance; each key has its own bucket', async (ctx) => {
  const url = ctx.app!.url;
  // Computed the first time (1 + 1 token for a read the edge cache does not hold), kept after (1 token).
  for (let i = 0; i < 2; i++) assert.is((await call(url, '/currencies', { headers: alice.bearer })).status, 200);
  const limited = await call(url, '/currencies', { headers: alice.bearer });
  assert.is(limited.status, 429);
  assert.is(limited.body.code, 'RATE_LIMITED');
  const retryAfter = Number(limited.headers.get('retry-after'));
  assert.ok(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 20, `Retry-After ${retryAfter}`);
  // tRPC shares the bucket, and answers in its own error shape.
  const trpc = await call(url, '/trpc/currencies.list?input=%7B%7D', { headers: alice.header });
  assert.is(trpc.status, 429);
  assert.is(trpc.body.error.data.error, 'RATE_LIMITED');
  assert.is((await call(url, '/currencies', { headers: bob.bearer })).status, 200);
});

t('without a key the client address has a bucket; probes and metrics are never limited', async (ctx) => {
  const url = ctx.app!.url;
  const statuses = [];
  for (let i = 0; i < 4; i++) statuses.push((await call(url, '/currencies')).status);
  assert.equal(statuses, [200, 200, 429, 429], 'a computed answer (2 tokens), a kept one (1), then none left');
  for (const path of ['/healthz', '/readyz', '/metrics', '/healthz', '/metrics'])
    assert.is((await call(url, path)).status, 200, path);
});

t('X-Forwarded-For is ignored unless TRUST_PROXY says whom to believe', async () => {
  const forwardedFor = (ip: string) => ({ headers: { 'x-forwarded-for': ip } });
  const untrusting = await startTestApp({ env: { RATE_LIMIT_PER_MINUTE: '1' } });
  try {
    // A client cannot get a fresh bucket by naming another address.
    assert.is((await call(untrusting.url, '/currencies', forwardedFor('198.51.100.1'))).status, 200);
    assert.is((await call(untrusting.url, '/currencies', forwardedFor('198.51.100.2'))).status, 429);
  } finally {
    await untrusting.close();
  }
  // The test talks over loopback: with loopback trusted, the service acts as if behind a proxy there.
  const behindProxy = await startTestApp({ env: { RATE_LIMIT_PER_MINUTE: '1', TRUST_PROXY: 'loopback' } });
  try {
    assert.is((await call(behindProxy.url, '/currencies', forwardedFor('198.51.100.1'))).status, 200);
    assert.is((await call(behindProxy.url, '/currencies', forwardedFor('198.51.100.2'))).status, 200);
    assert.is((await call(behindProxy.url, '/currencies', forwardedFor('198.51.100.1'))).status, 429);
    // A spoofed entry left of the real client is not believed: the proxy (loopback) appended the client.
    const chained = await call(behindProxy.url, '/currencies', forwardedFor('203.0.113.9, 198.51.100.2'));
    assert.is(chained.status, 429, 'counted as 198.51.100.2, the address the trusted proxy saw');
  } finally {
    await behindProxy.close();
  }
});

t(
  'a request spends what it asks: a batch one token per call, a range one per 5,000 rates, a miss one more',
  async () => {
    const app = await startTestApp({ env: { RATE_LIMIT_PER_MINUTE: '7' } });
    try {
      const input = encodeURIComponent(JSON.stringify({ 0: {}, 1: {}, 2: {} }));
      const batch = await call(app.url, `/trpc/currencies.list,currencies.list,currencies.list?batch=1&input=${input}`);
      assert.is(batch.status, 200);
      assert.is(batch.body.length, 3);
      // 3 tokens left (3 calls + 1 for a computed answer): a year of every currency (366 x 170 rates = 13
      // tokens) is over them, one day is not.
      const year = await call(app.url, '/rates?from=2023-01-01&to=2023-12-31');
      assert.is(year.status, 429);
      assert.is(year.body.code, 'RATE_LIMITED');
      assert.is((await call(app.url, '/currencies')).status, 200, 'computed: 2 tokens');
      assert.is((await call(app.url, '/currencies')).status, 200, 'kept: 1 token');
      assert.is((await call(app.url, '/currencies')).status, 429, 'the batch spent 4 of the 7');
    } finally {
      await app.close();
    }
  },
);

t('a read the edge cache cannot answer costs one more: with the cache off, and for a stream', async () => {
  const uncached = await startTestApp({ env: { RATE_LIMIT_PER_MINUTE: '4', RESPONSE_CACHE_MAX_ENTRIES: '0' } });
  try {
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await call(uncached.url, '/currencies')).status);
    assert.equal(statuses, [200, 200, 429], 'every answer computed: 2 tokens each');
  } finally {
    await uncached.close();
  }
  const app = await startTestApp({ env: { RATE_LIMIT_PER_MINUTE: '5' } });
  try {
    const range = '/rates?from=2024-01-02&to=2024-01-03';
    assert.is((await call(app.url, range)).status, 200, 'the JSON range, computed and kept: 2 tokens');
    const csv = await fetch(`${app.url}${range}`, { headers: { accept: 'text/csv' } });
    await csv.arrayBuffer();
    assert.is(csv.status, 200, 'a stream of the same range is computed again: 2 tokens');
    assert.is((await call(app.url, range)).status, 200, 'the kept JSON range: 1 token');
    assert.is((await call(app.url, range)).status, 429);
  } finally {
    await app.close();
  }
});

t('a batch of more than 20 calls, or of too much work, is refused with 400 before any call runs', async () => {
  const app = await startTestApp({ env: { RATE_LIMIT_PER_MINUTE: '0' } });
  try {
    const batchOf = (n: number, procedure: string, input: object, sep = ',') =>
      `/trpc/${Array(n).fill(procedure).join(sep)}?batch=1&input=` +
      encodeURIComponent(JSON.stringify(Object.fromEntries(Array.from({ length: n }, (_, i) => [i, input]))));
    const twenty = await call(app.url, batchOf(20, 'currencies.list', {}));
    assert.is(twenty.status, 200);
    assert.is(twenty.body.length, 20);
    for (const sep of [',', '%2C']) {
      const over = await call(app.url, batchOf(21, 'currencies.list', {}, sep));
      assert.is(over.status, 400, sep);
      assert.is(over.headers.get('cache-control'), 'no-store');
      assert.is(over.body.error.data.error, 'REQUEST.BATCH_TOO_LARGE');
      assert.match(over.body.error.message, /21 calls in one batch; at most 20/);
    }
    // Three years of every currency in one batch: 3 x 13 tokens of work, over the 32 one request may ask.
    const years = await call(app.url, batchOf(3, 'rates.range', { from: '2023-01-01', to: '2023-12-31' }));
    assert.is(years.status, 400);
    assert.is(years.body.error.data.error, 'REQUEST.BATCH_TOO_LARGE');
    assert.match(years.body.error.message, /asks 39 units of work; at most 32/);
  } finally {
    await app.close();
  }
});

t('the bucket refills at the steady rate, up to a minute of burst', () => {
  let now = 0;
  const buckets = new TokenBuckets(60, () => now);
  for (let i = 0; i < 60; i++) assert.ok(buckets.take('a').ok);
  const refused = buckets.take('a');
  assert.equal(refused, { ok: false, retryAfterSeconds: 1 });
  now += 1000;
  assert.ok(buckets.take('a').ok);
  assert.not.ok(buckets.take('a').ok);
  now += 10 * 60_000;
  for (let i = 0; i < 60; i++) assert.ok(buckets.take('a').ok, 'full again, never more');
  assert.not.ok(buckets.take('a').ok);
  now += 60_000;
  assert.ok(buckets.take('a', 59).ok, 'a costly request spends several tokens');
  assert.equal(buckets.take('a', 2), { ok: false, retryAfterSeconds: 1 });
  now += 60_000;
  assert.ok(buckets.take('a', 500).ok, 'a cost over the bucket spends a full bucket, so it can pass');
});

t.run();
