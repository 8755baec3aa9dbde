import * as assert from 'uvu/assert';
import { RateStore } from '../../../src/app/rate-store.js';
import { startTestApp, type TestApp } from '../../support/app.js';
import { buildFetched } from '../../support/builders.js';
import { countingRepo } from '../../support/counting-repo.js';
import { apiKeysEnv, testKey } from '../../support/http.js';
import { suite } from '../../support/suite.js';

const NOW = new Date('2024-03-10T12:00:00Z');
const reader = testKey('reader', 'read');
/** A clock the tests move forward. */
function testClock(start: Date) {
  let at = start.getTime();
  return { now: () => new Date(at), advance: (ms: number) => void (at += ms) };
}
type Ctx = { app?: TestApp; reads?: () => number; clock?: ReturnType<typeof testClock> };
const t = suite<Ctx>('edge cache of answers', {});

t.before.each(async (ctx) => {
  const { repo, reads } = countingRepo();
  await repo.upsertMany([
    buildFetched({ date: '2024-01-02', rates: { EUR: 1, USD: 1.1, GBP: 0.86 } }),
    buildFetched({ date: '2024-03-10', fetchedAt: new Date('2024-03-10T09:00:00Z'), rates: { EUR: 1, USD: 1.2 } }),
  ]);
  ctx.reads = reads;
  ctx.clock = testClock(NOW);
  ctx.app = await startTestApp({
    repo,
    now: ctx.clock.now,
    env: { CACHE_MAX_DAYS: '0', PROVIDERS: 'fixer', API_KEYS: apiKeysEnv(reader) },
  });
});
t.after.each(async (ctx) => ctx.app?.close());

const raw = async (ctx: { app?: TestApp }, path: string, headers: Record<string, string> = {}) => {
  const res = await fetch(`${ctx.app!.url}${path}`, { headers });
  // Framing (chunked or a length) and the connection are transport, not the answer.
  const {
    date: _date,
    connection: _c,
    'keep-alive': _k,
    'transfer-encoding': _te,
    'content-length': _cl,
    ...rest
  } = Object.fromEntries(res.headers);
  return { status: res.status, headers: rest, body: await res.text() };
};

t('a replay has the same status, bytes, headers and ETag, and reads nothing', async (ctx) => {
  for (const path of [
    '/rates/2024-01-02?base=USD',
    `/trpc/rates.byDate?input=${encodeURIComponent('{"date":"2024-01-02"}')}`,
  ]) {
    const first = await raw(ctx, path);
    const readsAfterFirst = ctx.reads!();
    const second = await raw(ctx, path);
    assert.equal(second, first, path);
    assert.is(ctx.reads!(), readsAfterFirst, `${path}: served at the edge`);
    assert.match(first.headers['cache-control'] ?? '', /max-age=86400/);
    const notModified = await fetch(`${ctx.app!.url}${path}`, { headers: { 'if-none-match': first.headers.etag! } });
    assert.is(notModified.status, 304);
    assert.is(await notModified.text(), '');
  }
});

t('a replay answers If-Modified-Since as the procedures do: 304 unless something newer is behind it', async (ctx) => {
  const path = '/rates/2024-01-02';
  const first = await raw(ctx, path);
  const lastModified = first.headers['last-modified']!;
  assert.ok(lastModified, 'the answer says when its data was fetched');
  const readsAfterFirst = ctx.reads!();
  const same = await fetch(`${ctx.app!.url}${path}`, { headers: { 'if-modified-since': lastModified } });
  assert.is(same.status, 304);
  assert.is(await same.text(), '');
  const earlier = new Date(Date.parse(lastModified) - 1000).toUTCString();
  const older = await fetch(`${ctx.app!.url}${path}`, { headers: { 'if-modified-since': earlier } });
  assert.is(older.status, 200);
  assert.is(await older.text(), first.body);
  assert.is(ctx.reads!(), readsAfterFirst, 'both served at the edge');
});

t('a provisional day is replayed for its minute only; errors are never replayed, but "not stored" is', async (ctx) => {
  const path = '/rates/2024-03-10';
  await raw(ctx, path);
  let before = ctx.reads!();
  await raw(ctx, path);
  assert.is(ctx.reads!(), before, 'replayed within its minute');
  ctx.clock!.advance(61_000);
  before = ctx.reads!();
  await raw(ctx, path);
  assert.ok(ctx.reads!() > before, 'its minute passed: computed again');
  // Rejected before any read: what shows it was not replayed is that it is still an uncacheable error.
  const invalid = await raw(ctx, '/rates/2024-02-30');
  assert.is(invalid.status, 400);
  assert.is(invalid.headers['cache-control'], 'no-store');
});

t('a replayed answer with its own end tells clients only the max-age it has left', async (ctx) => {
  const path = '/rates/2024-03-10';
  const maxAge = (r: { headers: Record<string, string> }) =>
    /max-age=(\d+)/.exec(r.headers['cache-control'] ?? '')?.[1];
  assert.is(maxAge(await raw(ctx, path)), '60');
  const before = ctx.reads!();
  // Replayed by the front (no Origin) and by the hooks (a browser's Origin), as the seconds pass.
  for (const [advance, left] of [
    [20_000, '40'],
    [0, '40'],
    [15_500, '24'],
  ] as const) {
    ctx.clock!.advance(advance);
    assert.is(maxAge(await raw(ctx, path)), left, `front, ${left} s left`);
    assert.is(maxAge(await raw(ctx, path, { origin: 'https://app.example' })), left, `hooks, ${left} s left`);
  }
  assert.is(ctx.reads!(), before, 'all replayed');
});

t(
  '"not stored" is kept until the day is stored (a recent day: or its minute passes), never by clients',
  async (ctx) => {
    // 2024-01-03 is more than RECENT_MISSING_DAYS before NOW: only a write can change it.
    const missing = await raw(ctx, '/rates/2024-01-03');
    assert.is(missing.status, 404);
    assert.is(missing.headers['cache-control'], 'no-store');
    let before = ctx.reads!();
    const again = await raw(ctx, '/rates/2024-01-03');
    assert.equal(again, missing);
    assert.is(ctx.reads!(), before, 'the 404 was replayed');
    const head = await fetch(`${ctx.app!.url}/rates/2024-01-03`, { method: 'HEAD' });
    assert.is(head.status, 404);
    ctx.clock!.advance(3_600_000);
    before = ctx.reads!();
    assert.is((await raw(ctx, '/rates/2024-01-03')).status, 404);
    assert.is(ctx.reads!(), before, 'an old day: still replayed an hour later');
    // A recent day a provider may still publish: kept for its minute only.
    const recent = '/rates/2024-03-08';
    assert.is((await raw(ctx, recent)).status, 404);
    before = ctx.reads!();
    await raw(ctx, recent);
    assert.is(ctx.reads!(), before, 'the recent 404 was replayed');
    ctx.clock!.advance(61_000);
    await raw(ctx, recent);
    assert.ok(ctx.reads!() > before, 'its minute passed: asked again');
    await ctx
      .app!.container.resolve(RateStore)
      .store([buildFetched({ date: '2024-01-03', rates: { EUR: 1, USD: 1.15 } })]);
    const stored = await raw(ctx, '/rates/2024-01-03');
    assert.is(stored.status, 200, 'storing the day dropped the kept 404');
    assert.is(JSON.parse(stored.body).currency_rates.USD, 1.15);
  },
);

t('stored changes empty the cache: the next answer has the new values', async (ctx) => {
  const first = await raw(ctx, '/rates/2024-01-02?symbols=USD');
  // A hit (the front then remembers the target's entry), and one through the remembered entry.
  assert.equal(await raw(ctx, '/rates/2024-01-02?symbols=USD'), first);
  assert.equal(await raw(ctx, '/rates/2024-01-02?symbols=USD'), first);
  await ctx
    .app!.container.resolve(RateStore)
    .store([buildFetched({ date: '2024-01-02', rates: { EUR: 1, USD: 1.3, GBP: 0.86 } })]);
  const after = await raw(ctx, '/rates/2024-01-02?symbols=USD');
  assert.is.not(after.body, first.body);
  assert.is(JSON.parse(after.body).currency_rates.USD, 1.3);
  assert.is.not(after.headers.etag, first.headers.etag);
});

t('an invalid key is refused even when the answer is cached', async (ctx) => {
  await raw(ctx, '/rates/2024-01-02');
  const bad = await raw(ctx, '/rates/2024-01-02', { 'x-api-key': 'not-a-key' });
  assert.is(bad.status, 401);
  const good = await raw(ctx, '/rates/2024-01-02', reader.header);
  assert.is(good.status, 200);
});

t.run();
