import * as assert from 'uvu/assert';
import { IngestRates } from '../../../src/app/ingest-rates.js';
import { TOKENS } from '../../../src/app/tokens.js';
import { createClient } from '../../../src/client.js';
import { startRigApp, type TestApp } from '../../support/app.js';
import { testContainer } from '../../support/container.js';
import { testEcbProvider } from '../../support/ecb-sandbox.js';
import { call } from '../../support/http.js';
import { ingestRig, request, type IngestRig } from '../../support/ingest-rig.js';
import { suite } from '../../support/suite.js';

/**
 * A day's life against the sandboxes and MongoDB: Fixer's provisional values (T1), Fixer's final ones
 * (T2, other values), then the ECB's day, which the service prefers (T3). The test records what the
 * service answered after each event, then asks `as_of` each of those instants and expects exactly that.
 */
const DAY = '2024-06-14';
const T1 = new Date('2024-06-14T12:00:00Z');
const T2 = new Date('2024-06-15T00:05:00Z');
const T3 = new Date('2024-06-15T10:00:00Z');
const LATER = new Date('2024-06-16T09:00:00Z');

const PATHS = [
  `/rates/${DAY}`,
  `/rates/${DAY}?base=USD&symbols=GBP,JPY`,
  `/rates?from=2024-06-13&to=${DAY}&symbols=USD`,
  `/convert?from=USD&to=GBP&amount=100&date=${DAY}`,
  '/rates/latest?symbols=USD',
  '/convert?from=USD&to=GBP&amount=100',
];

type Recorded = Record<string, unknown>;
const t = suite<{ rig?: IngestRig; app?: TestApp; answers: Map<Date, Recorded> }>(
  'as_of answers and revision history, live',
  { answers: new Map() },
);

const withAsOf = (path: string, asOf: string) =>
  `${path}${path.includes('?') ? '&' : '?'}as_of=${encodeURIComponent(asOf)}`;
const withoutAsOf = (body: Recorded) => {
  const { as_of: _asOf, ...rest } = body;
  return rest;
};

t.before(async (ctx) => {
  const rig = (ctx.rig = await ingestRig({ providers: ['fixer', 'ecb'] }));
  // The ECB is preferred; the in-process caches are off because ingestion here runs in other containers.
  ctx.app = await startRigApp(rig, {
    env: { PROVIDERS: 'ecb,fixer', CACHE_MAX_DAYS: '0', RESPONSE_CACHE_MAX_ENTRIES: '0' },
  });
  const fixerIngest = rig.ingest;
  const ecb = testEcbProvider(rig.ecbSandbox!.url, {}, rig.clock).provider;
  const ecbContainer = testContainer({ repo: rig.repo, catalog: rig.catalog, provider: ecb, now: rig.clock });
  ecbContainer.register(TOKENS.IngestionRunLog, { useValue: rig.runs });
  const ecbIngest = ecbContainer.resolve(IngestRates);

  const record = async (at: Date) => {
    const answers: Recorded = {};
    for (const path of PATHS) {
      const res = await call(ctx.app!.url, path);
      assert.is(res.status, 200, `${path} at ${at.toISOString()}`);
      answers[path] = res.body;
    }
    ctx.answers.set(at, answers);
  };
  const once = async (ingest: IngestRates, now: Date) => {
    rig.setNow(now);
    const out = await ingest.execute(request({ kind: 'dates', dates: [DAY as never] }), { trigger: 'cli' });
    if (!out.ok) throw out.error;
    assert.equal(out.value.report.failed, []);
    await record(now);
  };
  await once(fixerIngest, T1);
  await once(fixerIngest, T2);
  await once(ecbIngest, T3);
  rig.setNow(LATER);
});
t.after(async (ctx) => {
  await ctx.app?.close();
  await ctx.rig?.dispose();
});

t('the live answers changed at each event: provisional Fixer, final Fixer, then the preferred ECB', (ctx) => {
  const days = [...ctx.answers.values()].map((a) => a[`/rates/${DAY}`] as Recorded);
  assert.equal(
    days.map((d) => [d.provider, d.revision, d.provisional]),
    [
      ['fixer', 1, true],
      ['fixer', 2, false],
      ['ecb', 1, false],
    ],
  );
  assert.is.not((days[0]!.currency_rates as Recorded).USD, (days[1]!.currency_rates as Recorded).USD);
});

t('as_of each recorded instant gives exactly what the service answered then, on every route', async (ctx) => {
  for (const [at, answers] of ctx.answers) {
    for (const path of PATHS) {
      const res = await call(ctx.app!.url, withAsOf(path, at.toISOString()));
      assert.is(res.status, 200, `${path} as_of ${at.toISOString()}`);
      assert.is(res.body.as_of, at.toISOString());
      assert.equal(withoutAsOf(res.body), answers[path], `${path} as_of ${at.toISOString()}`);
    }
  }
});

t('ranges and convert as of an instant agree with the single day as of that instant', async (ctx) => {
  for (const at of ctx.answers.keys()) {
    const asOf = at.toISOString();
    const day = (await call(ctx.app!.url, withAsOf(`/rates/${DAY}?symbols=USD,GBP`, asOf))).body;
    const range = (await call(ctx.app!.url, withAsOf(`/rates?from=2024-06-10&to=${DAY}&symbols=USD,GBP`, asOf))).body;
    const { base: _b, as_of: _a, ...entry } = day;
    assert.equal(range.rates, [entry], asOf);
    const conv = (await call(ctx.app!.url, withAsOf(`/convert?from=EUR&to=USD&amount=1&date=${DAY}`, asOf))).body;
    assert.is(conv.rate, day.currency_rates.USD);
    assert.equal([conv.provider, conv.revision, conv.fetched_at], [day.provider, day.revision, day.fetched_at]);
  }
});

t('just before each event the previous answer holds; an offset instant means the same', async (ctx) => {
  const [first, second, third] = [...ctx.answers.values()];
  const before = (t: Date) => new Date(t.getTime() - 1).toISOString();
  const day = `/rates/${DAY}`;
  assert.equal(withoutAsOf((await call(ctx.app!.url, withAsOf(day, before(T2)))).body), first![day]);
  assert.equal(withoutAsOf((await call(ctx.app!.url, withAsOf(day, before(T3)))).body), second![day]);
  // 10:00Z is 12:00+02:00.
  const offset = await call(ctx.app!.url, withAsOf(day, '2024-06-15T12:00:00+02:00'));
  assert.equal(withoutAsOf(offset.body), third![day]);
  // A date is the end of that UTC day: everything of 2024-06-15 counts.
  const date = await call(ctx.app!.url, withAsOf(day, '2024-06-15'));
  assert.is(date.body.as_of, '2024-06-15T23:59:59.999Z');
  assert.equal(withoutAsOf(date.body), third![day]);
});

t('before the day was stored: 404 saying when it first was', async (ctx) => {
  const res = await call(ctx.app!.url, withAsOf(`/rates/${DAY}`, '2024-06-14T11:59:59Z'));
  assert.is(res.status, 404);
  assert.is(res.body.code, 'RATES.NOT_STORED_AT');
  assert.match(res.body.message, 'first stored at 2024-06-14T12:00:00.000Z');
  const never = await call(ctx.app!.url, withAsOf('/rates/2024-06-10', '2024-06-15T00:00:00Z'));
  assert.is(never.status, 404);
  assert.match(never.body.message, 'never been stored');
  const latest = await call(ctx.app!.url, withAsOf('/rates/latest', '2024-06-14T11:00:00Z'));
  assert.is(latest.status, 404);
  assert.is(latest.body.message, 'no rates were stored for any day at 2024-06-14T11:00:00.000Z');
});

t('as_of in the future or malformed is a 400', async (ctx) => {
  const future = await call(ctx.app!.url, withAsOf(`/rates/${DAY}`, '2024-06-16T09:00:01Z'));
  assert.is(future.status, 400);
  assert.is(future.body.code, 'RATES.FUTURE_AS_OF');
  for (const bad of ['yesterday', '2024-02-30T00:00:00Z', '2024-06-15T25:00:00Z', '2024-06-15T10:00:00']) {
    const res = await call(ctx.app!.url, withAsOf(`/rates/${DAY}`, bad));
    assert.is(res.status, 400, bad);
    assert.is(res.body.code, 'RATES.INVALID_AS_OF', bad);
  }
});

t('past as_of answers are immutable: strong ETag, long max-age, 304 on revalidation', async (ctx) => {
  const path = withAsOf(`/rates/${DAY}`, T2.toISOString());
  const res = await call(ctx.app!.url, path);
  assert.is(res.headers.get('cache-control'), 'public, max-age=86400');
  const etag = res.headers.get('etag')!;
  assert.match(etag, /^"[^"]+"$/);
  const again = await call(ctx.app!.url, path, { headers: { 'if-none-match': etag } });
  assert.is(again.status, 304);
});

t('provenance headers: Last-Modified, providers, revisions; If-Modified-Since works', async (ctx) => {
  const res = await call(ctx.app!.url, `/rates/${DAY}`);
  assert.is(res.headers.get('x-rates-provider'), 'ecb');
  assert.is(res.headers.get('x-rates-revision'), 'ecb:1');
  const lastModified = res.headers.get('last-modified')!;
  assert.is(new Date(lastModified).getTime(), Math.floor(Date.parse(res.body.fetched_at) / 1000) * 1000);
  const notModified = await call(ctx.app!.url, `/rates/${DAY}`, { headers: { 'if-modified-since': lastModified } });
  assert.is(notModified.status, 304);
  const older = new Date(Date.parse(lastModified) - 1000).toUTCString();
  const modified = await call(ctx.app!.url, `/rates/${DAY}`, { headers: { 'if-modified-since': older } });
  assert.is(modified.status, 200);
  const past = await call(ctx.app!.url, withAsOf(`/rates/${DAY}`, T2.toISOString()));
  assert.is(past.headers.get('x-rates-revision'), 'fixer:2');
  assert.is(past.headers.get('x-rates-as-of'), T2.toISOString());
});

t('the revisions list shows every state, what replaced it and what changed', async (ctx) => {
  const res = await call(ctx.app!.url, `/rates/${DAY}/revisions?symbols=USD,GBP`);
  assert.is(res.status, 200);
  const revs = res.body.revisions as Recorded[];
  assert.equal(
    revs.map((r) => [r.provider, r.revision, r.stored_at, r.replaced_at]),
    [
      ['fixer', 1, T1.toISOString(), T2.toISOString()],
      ['fixer', 2, T2.toISOString(), T3.toISOString()],
      ['ecb', 1, T3.toISOString(), null],
    ],
  );
  assert.equal(revs[0]!.replaced_by, { provider: 'fixer', revision: 2, fetched_at: T2.toISOString() });
  assert.is((revs[1]!.replaced_by as Recorded).provider, 'ecb');
  const [answered1, answered2, answered3] = [...ctx.answers.values()].map((a) => a[`/rates/${DAY}`] as Recorded);
  for (const [i, answered] of [answered1, answered2, answered3].entries()) {
    const rates = answered!.currency_rates as Record<string, number>;
    assert.equal(revs[i]!.currency_rates, { USD: rates.USD, GBP: rates.GBP });
  }
  const changes = revs[1]!.changes as { currency: string; before: number; after: number }[];
  assert.ok(changes.length > 0);
  for (const c of changes) assert.is.not(c.before, c.after);
  assert.equal(revs[0]!.changes, []);
  const typed = await createClient(ctx.app!.url).rates.revisions.query({ date: DAY, symbols: 'USD,GBP' });
  assert.equal(typed, res.body);
});

t('the typed client takes as_of too', async (ctx) => {
  const fx = createClient(ctx.app!.url);
  const day = await fx.rates.byDate.query({ date: DAY, as_of: T1.toISOString() });
  assert.equal(withoutAsOf(day as unknown as Recorded), [...ctx.answers.values()][0]![`/rates/${DAY}`]);
});

t.run();
