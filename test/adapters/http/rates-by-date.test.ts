import * as assert from 'uvu/assert';
import { TRPCClientError } from '@trpc/client';
import { Validator } from '@seriousme/openapi-schema-validator';
import { MongoRateRepository } from '../../../src/adapters/mongo/mongo-rate-repository.js';
import { createClient } from '../../../src/client.js';
import { startTestApp, type TestApp } from '../../support/app.js';
import { buildFetched } from '../../support/builders.js';
import { testDb, type TestDb } from '../../support/mongo.js';
import { suite } from '../../support/suite.js';

const NOW = new Date('2024-03-10T12:00:00Z');
const t = suite<{ db?: TestDb; app?: TestApp }>('GET /rates/{date} and rates.byDate', {});

t.before(async (ctx) => {
  ctx.db = await testDb();
  const repo = new MongoRateRepository(ctx.db.db);
  await repo.init();
  await repo.upsertMany([
    buildFetched({ date: '2024-01-02', rates: { EUR: 1, USD: 1.093434, GBP: 0.862, JPY: 156.7, BTC: 3.9823669e-5 } }),
    buildFetched({ date: '2024-03-10', fetchedAt: new Date('2024-03-10T09:00:00Z'), rates: { EUR: 1, USD: 1.2 } }),
  ]);
  ctx.app = await startTestApp({ repo, now: () => NOW });
});
t.after(async (ctx) => {
  await ctx.app?.close();
  await ctx.db?.drop();
});

async function get(ctx: { app?: TestApp }, path: string) {
  const res = await fetch(`${ctx.app!.url}${path}`);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

t('answers a stored day with the original keys, exact numbers and provenance', async (ctx) => {
  const { status, body } = await get(ctx, '/rates/2024-01-02');
  assert.is(status, 200);
  assert.is(body.date, '2024-01-02');
  assert.is(body.base, 'EUR');
  assert.equal(body.currency_rates, { EUR: 1, USD: 1.093434, GBP: 0.862, JPY: 156.7, BTC: 3.9823669e-5 });
  assert.is(body.provider, 'fixer');
  assert.is(body.fetched_at, '2024-01-03T06:00:00.000Z');
  assert.is(body.revision, 1);
  assert.is(body.provisional, false);
  assert.is(body.derived, false);
});

t('the trailing-slash form of the original app answers the same', async (ctx) => {
  const a = await get(ctx, '/rates/2024-01-02');
  const b = await get(ctx, '/rates/2024-01-02/');
  assert.is(b.status, 200);
  assert.equal(b.body, a.body);
});

t('rebases and filters: cross rates computed from the EUR values', async (ctx) => {
  const { status, body } = await get(ctx, '/rates/2024-01-02?base=USD&symbols=GBP,JPY,EUR,USD');
  assert.is(status, 200);
  assert.is(body.base, 'USD');
  // Computed independently with 30-digit decimals, then rounded to 9 significant digits:
  // 0.862 / 1.093434 = 0.78834204899..., 156.7 / 1.093434 = 143.30997572..., 1 / 1.093434 = 0.91454994082...
  assert.equal(body.currency_rates, { GBP: 0.788342049, JPY: 143.309976, EUR: 0.914549941, USD: 1 });
  assert.is(body.derived, true);
});

t('a day fetched before it ended is marked provisional', async (ctx) => {
  const { body } = await get(ctx, '/rates/2024-03-10');
  assert.is(body.provisional, true);
});

t('400 for malformed, impossible and future dates, and unknown currencies; 404 when not stored', async (ctx) => {
  const cases: [string, number, string][] = [
    ['/rates/2024-1-2', 400, 'RATES.INVALID_DATE'],
    ['/rates/2020-02-30', 400, 'RATES.INVALID_DATE'],
    ['/rates/2020-13-01/', 400, 'RATES.INVALID_DATE'],
    ['/rates/2024-03-11', 400, 'RATES.FUTURE_DATE'],
    ['/rates/2024-01-02?symbols=XYZ', 400, 'RATES.UNKNOWN_CURRENCY'],
    ['/rates/2024-01-02?base=QQQ', 400, 'RATES.UNKNOWN_CURRENCY'],
    ['/rates/2024-01-02?base=US1', 400, 'REQUEST.INVALID'],
    ['/rates/2024-01-02?nonsense=1', 400, 'REQUEST.INVALID'],
    ['/rates/2024-01-03', 404, 'RATES.NOT_FOUND'],
    ['/nowhere', 404, 'ROUTE.NOT_FOUND'],
  ];
  for (const [path, status, code] of cases) {
    const res = await get(ctx, path);
    assert.is(res.status, status, path);
    assert.is(res.body.code, code, path);
    assert.type(res.body.message, 'string');
    assert.not.match(JSON.stringify(res.body), /\bat .*\.ts:\d+|stack|node_modules/, `no stack trace in ${path}`);
  }
});

t('the typed tRPC client gets the same data and the same error codes', async (ctx) => {
  const client = createClient(ctx.app!.url);
  const viaTrpc = await client.rates.byDate.query({ date: '2024-01-02', base: 'usd', symbols: 'gbp' });
  const viaRest = await get(ctx, '/rates/2024-01-02?base=USD&symbols=GBP');
  assert.equal(viaTrpc, viaRest.body);
  try {
    await client.rates.byDate.query({ date: '2024-01-03' });
    assert.unreachable('404 expected');
  } catch (e) {
    assert.instance(e, TRPCClientError);
    const data = (e as TRPCClientError<never>).data as unknown as { httpStatus: number; error: string; stack?: string };
    assert.is(data.httpStatus, 404);
    assert.is(data.error, 'RATES.NOT_FOUND');
    assert.is(data.stack, undefined);
  }
});

t('a range follows the single-day rule: fallback=previous starts at the day a fallback would serve', async (ctx) => {
  // 2024-01-03..05 has nothing stored; 2024-01-02 is the day /rates/2024-01-03?fallback=previous serves.
  const day = await get(ctx, '/rates/2024-01-03?fallback=previous&symbols=USD');
  assert.is(day.body.date, '2024-01-02');
  const plain = await get(ctx, '/rates?from=2024-01-03&to=2024-01-05&symbols=USD');
  assert.equal([plain.status, plain.body.from, plain.body.rates], [200, '2024-01-03', []]);
  assert.not.ok('requested_from' in plain.body);
  const carried = await get(ctx, '/rates?from=2024-01-03&to=2024-01-05&symbols=USD&fallback=previous');
  const carriedHeaders = await fetch(
    `${ctx.app!.url}/rates?from=2024-01-03&to=2024-01-05&symbols=USD&fallback=previous`,
  );
  assert.is(
    carriedHeaders.headers.get('cache-control'),
    'public, max-age=60',
    'a fallback answer is short-lived, as for a day',
  );
  assert.is(carried.status, 200);
  assert.is(carried.body.from, '2024-01-02');
  assert.is(carried.body.requested_from, '2024-01-03');
  // The entry is that same day as a range lists it (the range carries `base` once, and no requested_date).
  const { base: _base, requested_date: _asked, ...entry } = day.body;
  assert.equal(carried.body.rates, [entry]);
  const viaTrpc = await createClient(ctx.app!.url).rates.range.query({
    from: '2024-01-03',
    to: '2024-01-05',
    symbols: 'USD',
    fallback: 'previous',
  });
  assert.equal(viaTrpc, carried.body);
  // A stored `from` is never moved; nothing within 7 days before it means no fallback either.
  const stored = await get(ctx, '/rates?from=2024-01-02&to=2024-01-05&fallback=previous');
  assert.equal([stored.body.from, 'requested_from' in stored.body], ['2024-01-02', false]);
  const tooFar = await get(ctx, '/rates?from=2024-01-10&to=2024-01-12&fallback=previous');
  assert.equal([tooFar.body.from, tooFar.body.rates], ['2024-01-10', []]);
});

t('serves a valid OpenAPI 3 document listing /rates/{date}', async (ctx) => {
  const { status, body } = await get(ctx, '/openapi.json');
  assert.is(status, 200);
  const result = await new Validator().validate(body as never);
  assert.ok(result.valid, JSON.stringify(result.errors));
  const paths = body.paths as Record<string, Record<string, { parameters: { name: string }[] }>>;
  assert.ok(paths['/rates/{date}']?.get, 'GET /rates/{date} is documented');
  assert.equal(paths['/rates/{date}']!.get!.parameters.map((p) => p.name).sort(), [
    'as_of',
    'base',
    'date',
    'fallback',
    'provider',
    'symbols',
  ]);
  assert.ok(paths['/rates/{date}/revisions']?.get, 'GET /rates/{date}/revisions is documented');
});

t.run();
