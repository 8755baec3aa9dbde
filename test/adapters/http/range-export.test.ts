import * as assert from 'uvu/assert';
import { ExportError, exportRange } from '../../../src/client.js';
import { isoDate } from '../../../src/domain/iso-date.js';
import { syntheticRates } from '../../../src/sandbox/fixer/synthetic-rates.js';
import { startTestApp, type TestApp } from '../../support/app.js';
import { apiKeysEnv, testKey } from '../../support/http.js';
import { ingestRig, request, type IngestRig } from '../../support/ingest-rig.js';
import { suite } from '../../support/suite.js';

/**
 * Streamed (NDJSON, CSV) and grouped ranges over real HTTP, on days ingested from the Fixer sandbox
 * into a real MongoDB-wire server (2024-04-01 to 2024-05-31; "now" is 2024-06-15 12:00 UTC).
 */
const t = suite<{ rig?: IngestRig; app?: TestApp; locked?: TestApp }>('GET /rates as NDJSON and CSV, grouped', {});
const reader = testKey('analyst', 'read');

t.before(async (ctx) => {
  ctx.rig = await ingestRig({ sandbox: { plan: 'paid' } });
  const range = request({ kind: 'range', from: isoDate('2024-04-01'), to: isoDate('2024-05-31') });
  const r = await ctx.rig.ingest.execute(range, { trigger: 'cli' });
  if (!r.ok || r.value.report.inserted.length !== 61) throw new Error('seeding failed');
  const { repo, catalog, clock } = ctx.rig;
  ctx.app = await startTestApp({ repo, catalog, now: clock });
  ctx.locked = await startTestApp({
    repo,
    catalog,
    now: clock,
    env: { AUTH_REQUIRED: 'true', API_KEYS: apiKeysEnv(reader), RATE_LIMIT_PER_MINUTE: '3' },
  });
});
t.after(async (ctx) => {
  await ctx.app?.close();
  await ctx.locked?.close();
  await ctx.rig?.dispose();
});

const get = (app: TestApp | undefined, path: string, headers: Record<string, string> = {}) =>
  fetch(`${app!.url}${path}`, { headers });
const sandbox = (date: string) => syntheticRates(isoDate(date), 'EUR');
const cross = (date: string, q: string, base: string) =>
  Number((sandbox(date)[q]! / sandbox(date)[base]!).toPrecision(9));

t('CSV: a header row, one CRLF line per stored day, numbers exactly as stored', async (ctx) => {
  const res = await get(ctx.app, '/rates?from=2024-05-30&to=2024-06-02&symbols=USD,JPY&format=csv');
  assert.is(res.status, 200);
  assert.is(res.headers.get('content-type'), 'text/csv; charset=utf-8; header=present');
  assert.match(
    res.headers.get('content-disposition') ?? '',
    /attachment; filename="rates-EUR-2024-05-30-2024-06-02\.csv"/,
  );
  const text = await res.text();
  const lines = text.split('\r\n');
  assert.equal(lines, [
    'date,USD,JPY,base,provider',
    `2024-05-30,${sandbox('2024-05-30').USD},${sandbox('2024-05-30').JPY},EUR,fixer`,
    `2024-05-31,${sandbox('2024-05-31').USD},${sandbox('2024-05-31').JPY},EUR,fixer`,
    '',
  ]);
  assert.is(res.headers.get('x-range-last-date'), '2024-05-31');
});

t('CSV without symbols has a column for every currency of the range, sorted', async (ctx) => {
  const text = await (await get(ctx.app, '/rates?from=2024-05-31&to=2024-05-31&format=csv')).text();
  const [header, row] = text.split('\r\n');
  const columns = header!.split(',');
  const currencies = Object.keys(sandbox('2024-05-31')).sort();
  assert.equal(columns, ['date', ...currencies, 'base', 'provider']);
  const cells = row!.split(',');
  assert.is(cells[columns.indexOf('BTC')], String(sandbox('2024-05-31').BTC));
  assert.is(cells[columns.indexOf('EUR')], '1');
});

t('NDJSON by Accept, one day per line, rebased; format= wins over Accept', async (ctx) => {
  const res = await get(ctx.app, '/rates?from=2024-04-01&to=2024-05-31&base=USD&symbols=GBP', {
    accept: 'application/x-ndjson',
  });
  assert.is(res.status, 200);
  assert.match(res.headers.get('content-type') ?? '', /^application\/x-ndjson/);
  const lines = (await res.text())
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l));
  assert.is(lines.length, 61);
  assert.equal(lines[1], {
    date: '2024-04-02',
    base: 'USD',
    provider: 'fixer',
    rates: { GBP: cross('2024-04-02', 'GBP', 'USD') },
  });
  const csv = await get(ctx.app, '/rates?from=2024-04-01&to=2024-04-02&format=csv', {
    accept: 'application/x-ndjson',
  });
  assert.match(csv.headers.get('content-type') ?? '', /^text\/csv/);
  // Without format or a streamed Accept, JSON as before.
  const json = await get(ctx.app, '/rates?from=2024-04-01&to=2024-04-02&symbols=USD', { accept: 'application/json' });
  assert.is(((await json.json()) as { rates: unknown[] }).rates.length, 2);
});

t('errors found before the first byte are JSON with no-store', async (ctx) => {
  const cases: [string, number, string][] = [
    ['/rates?from=2024-02-30&format=csv', 400, 'RATES.INVALID_DATE'],
    ['/rates?from=2024-05-02&to=2024-05-01&format=ndjson', 400, 'RATES.INVALID_RANGE'],
    ['/rates?from=2024-05-01&to=2099-01-01&format=csv', 400, 'RATES.FUTURE_DATE'],
    ['/rates?from=2024-05-01&symbols=USD,XYZ&format=csv', 400, 'RATES.UNKNOWN_CURRENCY'],
    ['/rates?from=2024-05-01&base=QQQ&format=ndjson', 400, 'RATES.UNKNOWN_CURRENCY'],
    ['/rates?from=2024-05-01&format=csv&colour=red', 400, 'REQUEST.INVALID'],
    ['/rates?from=2024-05-01&format=xml', 400, 'REQUEST.INVALID'],
    ['/rates?from=2024-05-01&format=csv&as_of=2024-06-01T00:00:00Z', 400, 'REQUEST.INVALID'],
    ['/rates?from=2024-05-01&group=month&as_of=2024-06-01T00:00:00Z', 400, 'RATES.INVALID_RANGE'],
  ];
  for (const [path, status, code] of cases) {
    const res = await get(ctx.app, path);
    assert.is(res.status, status, path);
    assert.is(res.headers.get('cache-control'), 'no-store', path);
    assert.match(res.headers.get('content-type') ?? '', /^application\/json/, path);
    assert.is(((await res.json()) as { code: string }).code, code, path);
  }
});

t('open-ended ranges run to today and say the last day they hold', async (ctx) => {
  const ndjson = await get(ctx.app, '/rates?from=2024-05-30&symbols=USD&format=ndjson');
  assert.is(ndjson.headers.get('x-range-to'), '2024-06-15');
  assert.is(ndjson.headers.get('x-range-last-date'), '2024-05-31');
  assert.is((await ndjson.text()).trimEnd().split('\n').length, 2);
  const json = (await (await get(ctx.app, '/rates?from=2024-05-30&symbols=USD')).json()) as Record<string, unknown>;
  assert.is(json.to, '2024-06-15');
  assert.is(json.last_date, '2024-05-31');
});

t('JSON keeps its limits and its 400 points at the streamed formats and group=', async (ctx) => {
  const res = await get(ctx.app, '/rates?from=2020-01-01&to=2024-05-31');
  assert.is(res.status, 400);
  const body = (await res.json()) as { code: string; message: string };
  assert.is(body.code, 'RATES.RANGE_TOO_LARGE');
  assert.match(body.message, /format=csv/);
  assert.match(body.message, /group=week\|month/);
  // The same span streams.
  const csv = await get(ctx.app, '/rates?from=2020-01-01&to=2024-05-31&format=csv');
  assert.is(csv.status, 200);
  assert.is((await csv.text()).split('\r\n').length, 1 + 61 + 1);
});

t('group=month in JSON, NDJSON and CSV: bounds, days observed, average and last', async (ctx) => {
  const april = Array.from({ length: 30 }, (_, i) => `2024-04-${String(i + 1).padStart(2, '0')}`);
  const mean = april.reduce((s, d) => s + cross(d, 'GBP', 'USD'), 0) / april.length;
  const expected = {
    period_start: '2024-04-01',
    period_end: '2024-04-30',
    days_observed: 30,
    last_date: '2024-04-30',
    average: { GBP: Number(mean.toPrecision(9)) },
    last: { GBP: cross('2024-04-30', 'GBP', 'USD') },
    providers: ['fixer'],
  };
  const q = '/rates?from=2024-04-01&to=2024-05-31&base=USD&symbols=GBP&group=month';
  const json = (await (await get(ctx.app, q)).json()) as { periods: unknown[]; rates: unknown[]; group: string };
  assert.is(json.group, 'month');
  assert.equal(json.rates, []);
  assert.is(json.periods.length, 2);
  assert.equal(json.periods[0], expected);
  const lines = (await (await get(ctx.app, `${q}&format=ndjson`)).text()).trimEnd().split('\n');
  assert.equal(JSON.parse(lines[0]!), { ...expected, base: 'USD' });
  const csv = (await (await get(ctx.app, `${q}&format=csv`)).text()).split('\r\n');
  assert.is(csv[0], 'period_start,period_end,days_observed,last_date,GBP_average,GBP_last,base,providers');
  assert.is(csv[1], `2024-04-01,2024-04-30,30,2024-04-30,${expected.average.GBP},${expected.last.GBP},USD,fixer`);
  assert.is(csv.length, 4);
});

t('group=week follows ISO weeks; grouped JSON limits count periods', async (ctx) => {
  const json = (await (await get(ctx.app, '/rates?from=2024-05-27&to=2024-06-09&symbols=USD&group=week')).json()) as {
    periods: { period_start: string; period_end: string; days_observed: number }[];
  };
  assert.equal(
    json.periods.map((p) => [p.period_start, p.period_end, p.days_observed]),
    [['2024-05-27', '2024-06-02', 5]],
  );
  // 25 years by month fit in JSON; by week, all currencies do not.
  assert.is((await get(ctx.app, '/rates?from=2000-01-01&group=month')).status, 200);
  const weeks = await get(ctx.app, '/rates?from=2000-01-01&group=week');
  assert.is(weeks.status, 400);
  assert.match(((await weeks.json()) as { message: string }).message, /format=csv/);
});

t('a stream is as cacheable as the JSON range it streams; HEAD answers its headers only', async (ctx) => {
  for (const range of ['from=2024-05-30&to=2024-05-31', 'from=2024-04-01', 'from=2000-01-01&to=2024-05-31']) {
    const json = await get(ctx.app, `/rates?${range}&symbols=USD`);
    const csv = await get(ctx.app, `/rates?${range}&symbols=USD&format=csv`);
    assert.is(csv.status, 200, range);
    assert.is(csv.headers.get('content-type'), 'text/csv; charset=utf-8; header=present');
    if (json.status === 200) assert.is(csv.headers.get('cache-control'), json.headers.get('cache-control'), range);
    else assert.is(csv.headers.get('cache-control'), 'public, max-age=60', range);
    assert.match(csv.headers.get('vary') ?? '', /Accept\b/);
    await json.text();
    await csv.text();
  }
  // Accept alone picks the stream; its refusals are the stream's own (here: `from` missing).
  const bare = await get(ctx.app, '/rates', { accept: 'text/csv' });
  assert.is(bare.status, 400);
  assert.equal(
    ((await bare.json()) as { issues: { path: string[] }[] }).issues.map((i) => i.path),
    [['from']],
  );
  const head = await fetch(`${ctx.app!.url}/rates?from=2024-05-30&to=2024-05-31&format=ndjson`, { method: 'HEAD' });
  assert.is(head.status, 200);
  assert.is(head.headers.get('content-type'), 'application/x-ndjson; charset=utf-8');
  assert.is(head.headers.get('x-range-last-date'), '2024-05-31');
  assert.is(await head.text(), '');
});

t('the JSON range and its stream share a URL but never an edge-cache entry', async (ctx) => {
  // Settled days of the one provider asked: immutable, so the JSON answer is kept at the edge.
  const path = '/rates?from=2024-05-01&to=2024-05-03&symbols=USD&provider=fixer';
  for (let i = 0; i < 2; i++) {
    const json = await get(ctx.app, path);
    assert.match(json.headers.get('content-type') ?? '', /^application\/json/);
    assert.is(json.headers.get('cache-control'), 'public, max-age=86400');
    await json.text();
    const csv = await get(ctx.app, path, { accept: 'text/csv' });
    assert.is(csv.headers.get('content-type'), 'text/csv; charset=utf-8; header=present');
    assert.is(csv.headers.get('cache-control'), 'public, max-age=86400');
    assert.match(await csv.text(), /^date,USD,base,provider\r\n2024-05-01,/);
  }
});

t('streams obey keys and rate limits like every route', async (ctx) => {
  const q = '/rates?from=2024-05-30&to=2024-05-31&format=csv';
  const anonymous = await get(ctx.locked, q);
  assert.is(anonymous.status, 401);
  assert.is(((await anonymous.json()) as { code: string }).code, 'AUTH.REQUIRED');
  const wrong = await get(ctx.locked, q, { 'x-api-key': 'not-a-key' });
  assert.is(((await wrong.json()) as { code: string }).code, 'AUTH.INVALID_KEY');
  const ok = await get(ctx.locked, q, reader.bearer);
  assert.is(ok.status, 200);
  await ok.text();
  // The bucket holds three; the anonymous calls above spent the address's, the key has its own.
  await (await get(ctx.locked, q, reader.bearer)).text();
  await (await get(ctx.locked, q, reader.bearer)).text();
  const limited = await get(ctx.locked, q, reader.bearer);
  assert.is(limited.status, 429);
  assert.ok(limited.headers.get('retry-after'));
});

t('tRPC answers grouped and open-ended ranges in JSON, and refuses streamed formats', async (ctx) => {
  const input = encodeURIComponent(JSON.stringify({ from: '2024-05-01', symbols: 'USD', group: 'month' }));
  const res = await get(ctx.app, `/trpc/rates.range?input=${input}`);
  const body = (await res.json()) as { result: { data: { periods: unknown[]; last_date: string } } };
  assert.is(body.result.data.periods.length, 1);
  assert.is(body.result.data.last_date, '2024-05-31');
  const csv = encodeURIComponent(JSON.stringify({ from: '2024-05-01', format: 'csv' }));
  const refused = await get(ctx.app, `/trpc/rates.range?input=${csv}`);
  assert.is(refused.status, 400);
});

t('a failure mid-stream ends NDJSON with an error line and aborts; CSV aborts without its last chunk', async (ctx) => {
  // A document that breaks the stored schema (written by hand, say) makes the read fail on that day.
  const rates = ctx.rig!.db.db.collection('daily_rates');
  const broken = { _id: 'broken', date: '2024-05-15', base: 'EUR', provider: 'zz', rates: { USD: 'oops' } };
  await rates.insertOne(broken as never);
  try {
    const read = async (path: string) => {
      const res = await get(ctx.app, path);
      assert.is(res.status, 200);
      let text = '';
      const decoder = new TextDecoder();
      try {
        for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) text += decoder.decode(chunk);
        return { text, failed: false };
      } catch {
        return { text, failed: true };
      }
    };
    const ndjson = await read('/rates?from=2024-05-01&to=2024-05-31&symbols=USD&format=ndjson');
    assert.ok(ndjson.failed, 'the NDJSON connection must be aborted');
    const lines = ndjson.text
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    assert.equal(lines.at(-1), {
      error: 'STREAM.FAILED',
      message: 'the export failed before it was complete; retry it',
    });
    assert.ok(lines.slice(0, -1).every((l) => l.date < '2024-05-15'));
    const csv = await read('/rates?from=2024-05-01&to=2024-05-31&symbols=USD&format=csv');
    assert.ok(csv.failed, 'the CSV connection must be aborted');
    assert.not.match(csv.text, /2024-05-31/);
  } finally {
    await rates.deleteOne({ _id: 'broken' } as never);
  }
});

t('the typed client reads NDJSON exports line by line, and throws on errors', async (ctx) => {
  const days = [];
  for await (const day of exportRange(ctx.app!.url, { from: '2024-05-29', to: '2024-05-31', symbols: 'USD' })) {
    days.push(day);
  }
  assert.equal(
    days.map((d) => [d.date, d.rates.USD]),
    ['2024-05-29', '2024-05-30', '2024-05-31'].map((d) => [d, sandbox(d).USD]),
  );
  const months = [];
  for await (const p of exportRange(ctx.app!.url, { from: '2024-04-01', symbols: 'USD', group: 'month' })) {
    months.push(p.period_start);
  }
  assert.equal(months, ['2024-04-01', '2024-05-01']);
  try {
    for await (const _ of exportRange(ctx.app!.url, { from: '2024-05-01', symbols: 'XYZ' })) assert.unreachable();
    assert.unreachable('an unknown symbol must throw');
  } catch (e) {
    assert.instance(e, ExportError);
    assert.equal([(e as ExportError).status, (e as ExportError).code], [400, 'RATES.UNKNOWN_CURRENCY']);
  }
});

t(
  'the OpenAPI document gives GET /rates both streamed content types, format, group and an optional to',
  async (ctx) => {
    const doc = (await (await get(ctx.app, '/openapi.json')).json()) as any; // eslint-disable-line @typescript-eslint/no-explicit-any
    const op = doc.paths['/rates'].get;
    assert.equal(Object.keys(op.responses['200'].content).sort(), [
      'application/json',
      'application/x-ndjson',
      'text/csv',
    ]);
    const params = Object.fromEntries(op.parameters.map((p: { name: string }) => [p.name, p]));
    assert.match(params.format.schema.description, /Accept/);
    assert.equal(params.format.schema.enum, ['json', 'ndjson', 'csv']);
    assert.equal(params.group.schema.enum, ['week', 'month']);
    assert.not.ok(params.to.required);
    assert.ok(doc.paths['/providers'].get);
  },
);

t.run();
