import { createHash } from 'node:crypto';
import * as assert from 'uvu/assert';
import { createClient } from '../../../src/client.js';
import { isoDate } from '../../../src/domain/iso-date.js';
import { syntheticRates } from '../../../src/sandbox/fixer/synthetic-rates.js';
import { startTestApp, type TestApp } from '../../support/app.js';
import { ingestRig, request, type IngestRig } from '../../support/ingest-rig.js';
import { suite } from '../../support/suite.js';

/**
 * The whole API over real HTTP, on days ingested from the Fixer sandbox into a real MongoDB-wire
 * server (2024-04-01 to 2024-05-31; the sandbox's "now" is 2024-06-15 12:00 UTC).
 */
const t = suite<{ rig?: IngestRig; app?: TestApp }>('rates API: latest, range, convert, currencies, caching', {});

t.before(async (ctx) => {
  ctx.rig = await ingestRig({ sandbox: { plan: 'paid' } });
  const range = request({ kind: 'range', from: isoDate('2024-04-01'), to: isoDate('2024-05-31') });
  const r = await ctx.rig.ingest.execute(range, { trigger: 'cli' });
  if (!r.ok || r.value.report.inserted.length !== 61) throw new Error('seeding failed');
  const { repo, catalog, fixer, clock } = ctx.rig;
  ctx.app = await startTestApp({
    repo,
    catalog,
    provider: fixer.provider,
    now: clock,
    env: { FETCH_ON_MISS: 'true', PROVIDERS: 'fixer' },
  });
});
t.after(async (ctx) => {
  await ctx.app?.close();
  await ctx.rig?.dispose();
});

async function get(ctx: { app?: TestApp }, path: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${ctx.app!.url}${path}`, { headers });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? (JSON.parse(text) as Record<string, any>) : null }; // eslint-disable-line @typescript-eslint/no-explicit-any
}

const sandboxRates = (date: string) => syntheticRates(isoDate(date), 'EUR');

t('/rates/latest answers the newest stored day and is not taken for a date', async (ctx) => {
  const { status, body, headers } = await get(ctx, '/rates/latest?symbols=USD');
  assert.is(status, 200);
  assert.is(body!.date, '2024-05-31');
  assert.equal(body!.currency_rates, { USD: sandboxRates('2024-05-31').USD });
  // Latest stays true until the next UTC midnight: 12 hours from the clock's noon.
  assert.is(headers.get('cache-control'), 'public, max-age=43200');
});

t('a range answers one entry per stored day, rebased and filtered', async (ctx) => {
  const { status, body } = await get(ctx, '/rates?from=2024-05-29&to=2024-06-02&base=USD&symbols=GBP');
  assert.is(status, 200);
  assert.is(body!.base, 'USD');
  assert.equal(
    body!.rates.map((d: { date: string }) => d.date),
    ['2024-05-29', '2024-05-30', '2024-05-31'],
  );
  const day = sandboxRates('2024-05-30');
  assert.is(body!.rates[1].currency_rates.GBP, Number((day.GBP! / day.USD!).toPrecision(9)));
  assert.is(body!.rates[1].derived, true);
});

t('range limits: 366 days for all currencies, five years for up to 10', async (ctx) => {
  const wide = await get(ctx, '/rates?from=2023-05-31&to=2024-05-31');
  assert.is(wide.status, 400);
  assert.is(wide.body!.code, 'RATES.RANGE_TOO_LARGE');
  assert.match(wide.body!.message, /366 days/);
  assert.is((await get(ctx, '/rates?from=2023-06-01&to=2024-05-31')).status, 200);
  assert.is((await get(ctx, '/rates?from=2020-01-01&to=2024-05-31&symbols=USD,GBP')).status, 200);
  const eleven = await get(
    ctx,
    '/rates?from=2020-01-01&to=2024-05-31&symbols=USD,GBP,JPY,CHF,AUD,CAD,NZD,SEK,NOK,DKK,PLN',
  );
  assert.is(eleven.status, 400);
  assert.is((await get(ctx, '/rates?from=2024-05-02&to=2024-05-01')).body!.code, 'RATES.INVALID_RANGE');
});

t('convert uses the day asked, or the newest, and says which', async (ctx) => {
  const { status, body } = await get(ctx, '/convert?from=USD&to=JPY&amount=25&date=2024-05-10');
  assert.is(status, 200);
  const day = sandboxRates('2024-05-10');
  const rate = Number((day.JPY! / day.USD!).toPrecision(9));
  assert.is(body!.rate, rate);
  assert.is(body!.result, Number((25 * rate).toPrecision(9)));
  assert.is(body!.date, '2024-05-10');
  assert.is((await get(ctx, '/convert?from=EUR&to=USD&amount=1')).body!.date, '2024-05-31');
  const bads = [
    '0',
    '-5',
    'abc',
    'Infinity',
    'NaN',
    '',
    '%20',
    '%205',
    '0x10',
    '0b1',
    '0o7',
    '1_000',
    '5.',
    '.5',
    '1e999',
  ];
  for (const bad of bads) {
    const answer = await get(ctx, `/convert?from=USD&to=JPY&amount=${bad}`);
    assert.is(answer.status, 400, `amount=${bad}`);
    assert.is(answer.body!.code, 'REQUEST.INVALID', `amount=${bad}`);
  }
  // The JSON decimal grammar, exponent included, is read as JSON reads it.
  const thousand = await get(ctx, '/convert?from=USD&to=JPY&amount=1e3&date=2024-05-10');
  assert.is(thousand.body!.result, Number((1000 * rate).toPrecision(9)));
  assert.is((await get(ctx, '/convert?from=USD&to=QQQ&amount=1')).body!.code, 'RATES.UNKNOWN_CURRENCY');
});

t('currencies lists every code with its span, provider and name', async (ctx) => {
  const { status, body } = await get(ctx, '/currencies');
  assert.is(status, 200);
  const usd = body!.currencies.find((c: { code: string }) => c.code === 'USD');
  assert.equal(usd, {
    code: 'USD',
    name: 'United States Dollar',
    first_date: '2024-04-01',
    last_date: '2024-05-31',
    providers: ['fixer'],
  });
  assert.is(body!.currencies.length, Object.keys(sandboxRates('2024-05-31')).length);
});

t('a missing day: 404, or the previous stored day with requested_date when asked', async (ctx) => {
  const missing = await get(ctx, '/rates/2024-03-20?provider=ecb');
  assert.is(missing.status, 404, 'not stored, and fetch on miss does not apply to another provider');
  const fb = await get(ctx, '/rates/2024-06-03?fallback=previous&provider=ecb');
  assert.is(fb.status, 404, 'no ECB day stored at all');
  // The provider has nothing for 2024-06-03 (106): fetch on miss fails, the fallback serves the day before.
  ctx.rig!.sandbox.set({ dateErrors: [{ dates: ['2024-06-03', '2024-06-09'], code: 106 }] });
  const failed = await get(ctx, '/rates/2024-06-03?symbols=USD');
  assert.is(failed.status, 502);
  assert.is(failed.body!.code, 'PROVIDER.FAILED');
  const served = await get(ctx, '/rates/2024-06-03?fallback=previous&symbols=USD&provider=fixer');
  assert.is(served.status, 200);
  assert.is(served.body!.date, '2024-05-31');
  assert.is(served.body!.requested_date, '2024-06-03');
  assert.match(served.headers.get('cache-control')!, /max-age=60$/);
  assert.is(
    (await get(ctx, '/rates/2024-06-09?fallback=previous&provider=fixer')).status,
    404,
    'more than 7 days back',
  );
  ctx.rig!.sandbox.set({ dateErrors: [] });
});

t('fetch on miss: 20 concurrent requests for a missing day make one provider call', async (ctx) => {
  const before = ctx.rig!.sandbox.requests.count;
  const answers = await Promise.all(Array.from({ length: 20 }, () => get(ctx, '/rates/2024-03-05?symbols=USD')));
  assert.ok(answers.every((a) => a.status === 200));
  assert.ok(answers.every((a) => a.body!.currency_rates.USD === sandboxRates('2024-03-05').USD));
  assert.is(ctx.rig!.sandbox.requests.count - before, 1);
  assert.is((await ctx.rig!.repo.findByDate(isoDate('2024-03-05'), 'EUR' as never))?.provider, 'fixer');
});

t('a final past day is immutable: strong ETag, a day of max-age, 304 on a match', async (ctx) => {
  const first = await get(ctx, '/rates/2024-05-10?symbols=USD');
  const etag = first.headers.get('etag');
  assert.match(etag ?? '', /^"[\w-]+"$/);
  assert.is(first.headers.get('cache-control'), 'public, max-age=86400');
  const again = await fetch(`${ctx.app!.url}/rates/2024-05-10?symbols=USD`, { headers: { 'if-none-match': etag! } });
  assert.is(again.status, 304);
  assert.is(await again.text(), '');
  const other = await get(ctx, '/rates/2024-05-10?symbols=GBP', { 'if-none-match': etag! });
  assert.is(other.status, 200, 'another answer has another ETag');
});

t('tRPC answers 304 on a matching If-None-Match, with or without no-cache (it was a 500)', async (ctx) => {
  const input = encodeURIComponent('{}');
  for (const path of [`/trpc/currencies.list?input=${input}`, `/trpc/rates.latest?input=${input}`]) {
    const first = await get(ctx, path);
    assert.is(first.status, 200, path);
    const etag = first.headers.get('etag')!;
    assert.match(etag, /^"[\w-]+"$/);
    for (const extra of [{}, { 'cache-control': 'no-cache' }] as Record<string, string>[]) {
      const again = await fetch(`${ctx.app!.url}${path}`, { headers: { 'if-none-match': etag, ...extra } });
      assert.is(again.status, 304, `${path} ${JSON.stringify(extra)}`);
      assert.is(await again.text(), '');
      assert.is(again.headers.get('etag'), etag);
    }
    const other = await get(ctx, path, { 'if-none-match': '"another"', 'cache-control': 'no-cache' });
    assert.is(other.status, 200, 'another tag gets the answer');
    assert.equal(other.body, first.body);
  }
});

t(
  'the ETag is the hash of the very bytes sent, on REST, tRPC and a tRPC batch (no second serialisation)',
  async (ctx) => {
    const input = encodeURIComponent(JSON.stringify({ date: '2024-05-10', symbols: 'USD' }));
    const batch = encodeURIComponent(JSON.stringify({ 0: { date: '2024-05-10' }, 1: {} }));
    for (const path of [
      '/rates/2024-05-10?symbols=USD',
      `/trpc/rates.byDate?input=${input}`,
      `/trpc/rates.byDate,currencies.list?batch=1&input=${batch}`,
    ]) {
      // no-cache: answered by the procedures, not replayed by the edge cache.
      const res = await fetch(`${ctx.app!.url}${path}`, { headers: { 'cache-control': 'no-cache' } });
      const bytes = Buffer.from(await res.arrayBuffer());
      assert.is(res.status, 200, path);
      assert.is(
        res.headers.get('etag'),
        `"${createHash('sha256').update(bytes).digest('base64url').slice(0, 27)}"`,
        path,
      );
    }
  },
);

t('an unknown provider or fallback is a 400 naming the accepted words, on REST and tRPC', async (ctx) => {
  for (const [path, accepted] of [
    ['/rates/2024-05-10?provider=fixr', '"fixer"|"ecb"'],
    ['/rates/2024-05-10?fallback=next', '"none"|"previous"'],
    ['/rates?from=2024-05-01&to=2024-05-03&provider=FIXER', '"fixer"|"ecb"'],
  ]) {
    const r = await get(ctx, path!);
    assert.is(r.status, 400, path);
    assert.ok(JSON.stringify(r.body).includes(accepted!.replace(/"/g, '\\"')), `${path}: ${JSON.stringify(r.body)}`);
  }
  const client = createClient(ctx.app!.url);
  const refused = await client.rates.byDate.query({ date: '2024-05-10', provider: 'fixr' as 'fixer' }).then(
    () => undefined,
    (e: { data?: { httpStatus?: number } }) => e,
  );
  assert.is(refused?.data?.httpStatus, 400);
});

t('errors are never cached', async (ctx) => {
  for (const path of [
    '/rates/2024-13-01',
    '/rates/2030-01-01',
    '/rates/2024-03-20?fallback=none&provider=ecb',
    '/nope',
  ]) {
    const r = await get(ctx, path);
    assert.ok(r.status >= 400, path);
    assert.is(r.headers.get('cache-control'), 'no-store', path);
  }
});

t('the typed client reaches every procedure, with the same data as REST', async (ctx) => {
  const client = createClient(ctx.app!.url);
  assert.equal(
    await client.rates.byDate.query({ date: '2024-05-10', symbols: 'USD' }),
    (await get(ctx, '/rates/2024-05-10?symbols=USD')).body,
  );
  assert.equal(
    await client.rates.latest.query({ base: 'GBP', symbols: 'USD' }),
    (await get(ctx, '/rates/latest?base=GBP&symbols=USD')).body,
  );
  assert.equal(
    await client.rates.range.query({ from: '2024-05-01', to: '2024-05-03', symbols: 'JPY' }),
    (await get(ctx, '/rates?from=2024-05-01&to=2024-05-03&symbols=JPY')).body,
  );
  assert.equal(
    await client.rates.convert.query({ from: 'GBP', to: 'CHF', amount: 10, date: '2024-05-02' }),
    (await get(ctx, '/convert?from=GBP&to=CHF&amount=10&date=2024-05-02')).body,
  );
  assert.equal(await client.currencies.list.query({}), (await get(ctx, '/currencies')).body);
});

t.run();
