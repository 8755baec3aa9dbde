import * as assert from 'uvu/assert';
import { InMemoryRateRepository } from '../../../src/adapters/memory/in-memory-rate-repository.js';
import { startTestApp, type TestApp } from '../../support/app.js';
import { buildFetched } from '../../support/builders.js';
import { apiKeysEnv, call, testKey } from '../../support/http.js';
import { conformance } from '../../support/openapi-conformance.js';
import { suite } from '../../support/suite.js';

const NOW = new Date('2024-01-10T12:00:00Z');
const admin = testKey('ops', 'admin');
const reader = testKey('reader', 'read');

interface Ctx {
  app?: TestApp;
  check?: ReturnType<typeof conformance>;
}
const t = suite<Ctx>('every answer matches /openapi.json (status, body schema, headers)', {});

t.before(async (ctx) => {
  const repo = new InMemoryRateRepository();
  // Stored before NOW, so that answers as of an instant before NOW find them.
  await repo.upsertMany(
    [buildFetched({ date: '2024-01-02' }), buildFetched({ date: '2024-01-03' })],
    new Date('2024-01-04T00:00:00Z'),
  );
  ctx.app = await startTestApp({ repo, now: () => NOW, env: { API_KEYS: apiKeysEnv(admin, reader) } });
  ctx.check = conformance((await call(ctx.app.url, '/openapi.json')).body);
});
t.after(async (ctx) => void (await ctx.app?.close()));

// An optional parameter's example would be filled into "Try it out" in /docs as if the caller had chosen it.
t(
  'every route has a summary; every parameter a description, required ones an example, optional ones none',
  async (ctx) => {
    type Param = {
      name: string;
      required?: boolean;
      description?: string;
      schema: { description?: string; example?: unknown };
    };
    type Op = { summary?: string; parameters?: Param[] };
    const doc = (await call(ctx.app!.url, '/openapi.json')).body as { paths: Record<string, Record<string, Op>> };
    const missing = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops).flatMap(([method, op]) => [
        ...(op.summary ? [] : [`${method} ${path}: summary`]),
        ...(op.parameters ?? []).flatMap((p) => [
          ...((p.description ?? p.schema.description) ? [] : [`${method} ${path} ${p.name}: description`]),
          ...((p.schema.example !== undefined) === (p.required === true)
            ? []
            : [`${method} ${path} ${p.name}: example`]),
        ]),
      ]),
    );
    assert.equal(missing, []);
  },
);

t('successes of every read route, and the 304 of a matching If-None-Match', async (ctx) => {
  const { url } = ctx.app!;
  const check = ctx.check!;
  const day = await call(url, '/rates/2024-01-02?base=USD&symbols=GBP,JPY');
  check('GET', '/rates/{date}', day, 200);
  check('GET', '/rates/{date}', await call(url, '/rates/2024-01-05?fallback=previous'), 200);
  check('GET', '/rates/latest', await call(url, '/rates/latest'), 200);
  check('GET', '/rates', await call(url, '/rates?from=2024-01-01&to=2024-01-09&symbols=USD'), 200);
  check('GET', '/convert', await call(url, '/convert?from=USD&to=JPY&amount=25&date=2024-01-02'), 200);
  check('GET', '/currencies', await call(url, '/currencies'), 200);
  const asOf = 'as_of=2024-01-05T00:00:00Z';
  check('GET', '/rates/{date}', await call(url, `/rates/2024-01-02?${asOf}`), 200, 'as_of');
  check('GET', '/rates/latest', await call(url, `/rates/latest?${asOf}`), 200, 'as_of');
  check('GET', '/rates', await call(url, `/rates?from=2024-01-01&to=2024-01-09&${asOf}`), 200, 'as_of');
  check('GET', '/convert', await call(url, `/convert?from=USD&to=JPY&amount=25&${asOf}`), 200, 'as_of');
  check('GET', '/rates/{date}/revisions', await call(url, '/rates/2024-01-02/revisions?symbols=USD'), 200);
  const again = await call(url, '/rates/2024-01-02?base=USD&symbols=GBP,JPY', {
    headers: { 'if-none-match': day.headers.get('etag')! },
  });
  check('GET', '/rates/{date}', again, 304, '304 on a matching tag');
});

t('client errors: bad values, unknown parameters, days not stored, limits', async (ctx) => {
  const { url } = ctx.app!;
  const check = ctx.check!;
  for (const path of ['/rates/2024-02-30', '/rates/2099-01-01', '/rates/2024-01-02?base=XXX1', '/rates/2024-01-02?x=1'])
    check('GET', '/rates/{date}', await call(url, path), 400, path);
  check('GET', '/rates/{date}', await call(url, '/rates/2024-01-05'), 404, 'a day not stored');
  for (const q of ['as_of=soon', 'as_of=2099-01-01'])
    check('GET', '/rates/{date}', await call(url, `/rates/2024-01-02?${q}`), 400, q);
  check('GET', '/rates/{date}', await call(url, '/rates/2024-01-02?as_of=2024-01-03'), 404, 'not stored yet then');
  check('GET', '/rates/{date}/revisions', await call(url, '/rates/2024-01-05/revisions'), 404, 'never stored');
  check('GET', '/rates', await call(url, '/rates?from=2020-01-01&to=2024-01-09'), 400, 'a range over the limit');
  check('GET', '/convert', await call(url, '/convert?from=USD&to=JPY&amount=-1'), 400, 'a negative amount');
  check(
    'GET',
    '/currencies',
    await call(url, '/currencies', { headers: { 'x-api-key': 'not-a-key' } }),
    401,
    'unknown key',
  );
});

t('admin routes: no key, a read key, an admin key, a bad body', async (ctx) => {
  const { url } = ctx.app!;
  const check = ctx.check!;
  check('GET', '/ingest/runs', await call(url, '/ingest/runs'), 401, 'no key');
  check('GET', '/ingest/runs', await call(url, '/ingest/runs', { headers: reader.bearer }), 403, 'read key');
  check('GET', '/ingest/runs', await call(url, '/ingest/runs?limit=5', { headers: admin.bearer }), 200, 'admin key');
  check('GET', '/ingest/quota', await call(url, '/ingest/quota', { headers: admin.header }), 200, 'admin key');
  check(
    'POST',
    '/ingest',
    await call(url, '/ingest', { json: { days: 'ten' }, headers: admin.bearer }),
    400,
    'bad body',
  );
  check(
    'POST',
    '/ingest',
    await call(url, '/ingest', { json: { days: 1 }, headers: admin.bearer }),
    412,
    'no provider',
  );
});

t('the edge statuses: 405 with Allow, 413 and 415 for bodies, each documented with its body', async (ctx) => {
  const { url } = ctx.app!;
  const check = ctx.check!;
  const wrongMethod = await call(url, '/rates/2024-01-02', { method: 'DELETE' });
  check('GET', '/rates/{date}', wrongMethod, 405, 'another method');
  assert.ok(wrongMethod.headers.get('allow'));
  const big = JSON.stringify({ dates: Array.from({ length: 5000 }, () => '2024-01-01') });
  const tooLarge = await fetch(`${url}/ingest`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...admin.bearer },
    body: big,
  });
  check('POST', '/ingest', { status: tooLarge.status, headers: tooLarge.headers, body: await tooLarge.json() }, 413);
  const text = await fetch(`${url}/ingest`, {
    method: 'POST',
    headers: { 'content-type': 'text/plain', ...admin.bearer },
    body: 'x',
  });
  check('POST', '/ingest', { status: text.status, headers: text.headers, body: await text.json() }, 415);
});

t('429 past the rate limit, with Retry-After', async (ctx) => {
  const app = await startTestApp({ env: { RATE_LIMIT_PER_MINUTE: '1' } });
  try {
    // The same document; fetching it from this app would spend its one request.
    const check = ctx.check!;
    check('GET', '/currencies', await call(app.url, '/currencies'), 200);
    check('GET', '/currencies', await call(app.url, '/currencies'), 429, 'over the limit');
  } finally {
    await app.close();
  }
});

t.run();
