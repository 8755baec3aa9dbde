import * as assert from 'uvu/assert';
import { startTestApp, type TestApp } from '../../support/app.js';
import { apiKeysEnv, call, testKey, trpcMutation, trpcQuery } from '../../support/http.js';
import { suite } from '../../support/suite.js';

const reader = testKey('reader', 'read');
const admin = testKey('ops', 'admin');
const stranger = testKey('stranger', 'admin'); // not configured

const t = suite<{ open?: TestApp; closed?: TestApp }>('API keys and roles, REST and tRPC', {});

t.before(async (ctx) => {
  const API_KEYS = apiKeysEnv(reader, admin);
  ctx.open = await startTestApp({ env: { API_KEYS } });
  ctx.closed = await startTestApp({ env: { API_KEYS, AUTH_REQUIRED: 'true' } });
});
t.after(async (ctx) => {
  await ctx.open?.close();
  await ctx.closed?.close();
});

// An empty store answers 200 with no currencies: enough to see the route let the caller through.
const rest = (app: TestApp, headers: Record<string, string> = {}) => call(app.url, '/currencies', { headers });
const trpc = (app: TestApp, headers: Record<string, string> = {}) => trpcQuery(app.url, 'currencies.list', {}, headers);

t('AUTH_REQUIRED: 401 without a key or with an unknown one, 200 with read or admin, either header', async (ctx) => {
  for (const send of [rest, trpc]) {
    const none = await send(ctx.closed!);
    assert.is(none.status, 401);
    assert.is(send === rest ? none.body.code : none.body.error.data.error, 'AUTH.REQUIRED');
    assert.match(none.headers.get('www-authenticate') ?? '', /^Bearer/);
    const bad = await send(ctx.closed!, stranger.bearer);
    assert.is(bad.status, 401);
    assert.is(send === rest ? bad.body.code : bad.body.error.data.error, 'AUTH.INVALID_KEY');
    assert.is((await send(ctx.closed!, { authorization: 'Basic abc' })).status, 401);
    for (const headers of [reader.bearer, reader.header, admin.bearer, admin.header])
      assert.is((await send(ctx.closed!, headers)).status, 200);
  }
});

t('without AUTH_REQUIRED rates routes are open, but a wrong key is still refused', async (ctx) => {
  assert.is((await rest(ctx.open!)).status, 200);
  assert.is((await trpc(ctx.open!)).status, 200);
  assert.is((await rest(ctx.open!, reader.header)).status, 200);
  assert.is((await rest(ctx.open!, stranger.header)).status, 401);
  assert.is((await trpc(ctx.open!, stranger.bearer)).status, 401);
});

t('admin routes: 401 without a key, 403 with a read key, 200 with an admin key, on both transports', async (ctx) => {
  for (const app of [ctx.open!, ctx.closed!]) {
    for (const [headers, status] of [
      [{}, 401],
      [stranger.bearer, 401],
      [reader.bearer, 403],
      [admin.bearer, 200],
      [admin.header, 200],
    ] as const) {
      const r = await call(app.url, '/ingest/runs', { headers });
      assert.is(r.status, status, `REST ${JSON.stringify(headers)}`);
      assert.is((await trpcQuery(app.url, 'ingest.runs', {}, headers)).status, status, 'tRPC');
      assert.is((await call(app.url, '/ingest/quota', { headers })).status, status, 'quota');
    }
    const forbidden = await trpcMutation(app.url, 'ingest.run', { days: 1 }, reader.header);
    assert.is(forbidden.status, 403);
    assert.is(forbidden.body.error.data.error, 'AUTH.FORBIDDEN');
    assert.is(
      (await call(app.url, '/ingest', { json: { days: 1 }, headers: reader.header })).body.code,
      'AUTH.FORBIDDEN',
    );
  }
});

t('the OpenAPI document marks exactly the routes that ask for a key', async (ctx) => {
  const secured = (doc: { paths: Record<string, Record<string, { security?: unknown[] }>> }) =>
    Object.entries(doc.paths)
      .flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => [`${method} ${path}`, !!op.security?.length]))
      .filter(([, s]) => s)
      .map(([op]) => op)
      .sort();
  const admin = ['get /ingest/quota', 'get /ingest/runs', 'post /ingest'];
  const open = (await call(ctx.open!.url, '/openapi.json')).body;
  assert.equal(secured(open), admin);
  assert.ok(open.components.securitySchemes.bearer && open.components.securitySchemes.apiKey);
  const closed = (await call(ctx.closed!.url, '/openapi.json')).body;
  const all = Object.entries(closed.paths as Record<string, object>).flatMap(([p, ops]) =>
    Object.keys(ops).map((m) => `${m} ${p}`),
  );
  assert.equal(secured(closed), all.sort());
});

t('under AUTH_REQUIRED answers are private to caches', async (ctx) => {
  const r = await rest(ctx.closed!, reader.bearer);
  assert.match(r.headers.get('cache-control') ?? '', /^(private|no-cache)/);
  assert.not.match(r.headers.get('cache-control') ?? '', /public/);
});

t.run();
