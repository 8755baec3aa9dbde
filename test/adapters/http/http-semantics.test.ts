import * as assert from 'uvu/assert';
import { InMemoryRateRepository } from '../../../src/adapters/memory/in-memory-rate-repository.js';
import { startTestApp, type TestApp } from '../../support/app.js';
import { buildFetched } from '../../support/builders.js';
import { apiKeysEnv, testKey } from '../../support/http.js';
import { suite } from '../../support/suite.js';
import { rawRequest } from '../../reliability/support/raw-http.js';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';

/** HTTP as careful clients and API testers expect it, through real HTTP. */
const NOW = new Date('2024-03-10T12:00:00Z');
const SENTENCE = 'Invalid date - please provide a date in the past, in the format YYYY-MM-DD';
const reader = testKey('reader', 'read');
const admin = testKey('ops', 'admin');
const t = suite<{ app?: TestApp }>('HTTP semantics of the edge', {});

t.before(async (ctx) => {
  const repo = new InMemoryRateRepository();
  const many: Record<string, number> = { EUR: 1 };
  for (let i = 0; i < 150; i++)
    many[`C${String(i).padStart(2, '0')}`.slice(0, 3).replace(/\d/g, (d) => 'ABCDEFGHIJ'[+d]!)] = 1 + i / 7;
  await repo.upsertMany([
    buildFetched({ date: '2024-01-02', rates: { EUR: 1, USD: 1.1, GBP: 0.86 } }),
    buildFetched({ date: '2024-01-04', rates: many }),
  ]);
  ctx.app = await startTestApp({ repo, now: () => NOW, env: { API_KEYS: apiKeysEnv(reader, admin) } });
});
t.after(async (ctx) => ctx.app?.close());

const req = (ctx: { app?: TestApp }, path: string, init: RequestInit = {}) => fetch(`${ctx.app!.url}${path}`, init);

t(
  'the original contract: the invalid-date sentence for malformed, impossible and future dates; 404 with date and currency_rates',
  async (ctx) => {
    const cases: [string, string][] = [
      ['/rates/not_a_date/', 'RATES.INVALID_DATE'],
      ['/rates/not_a_date', 'RATES.INVALID_DATE'],
      ['/rates/2020-99-99/', 'RATES.INVALID_DATE'],
      ['/rates/2020-99-99', 'RATES.INVALID_DATE'],
      ['/rates/2024-03-11/', 'RATES.FUTURE_DATE'],
      ['/rates/2024-03-11', 'RATES.FUTURE_DATE'],
    ];
    for (const [path, code] of cases) {
      const res = await req(ctx, path);
      const body = (await res.json()) as Record<string, unknown>;
      assert.is(res.status, 400, path);
      assert.is(body.error, SENTENCE, path);
      assert.is(body.code, code, path);
      assert.type(body.message, 'string');
    }
    for (const path of ['/rates/2024-01-03', '/rates/2024-01-03/']) {
      const missing = await req(ctx, path);
      assert.is(missing.status, 404);
      const body = (await missing.json()) as Record<string, unknown>;
      assert.is(body.date, '2024-01-03');
      assert.equal(body.currency_rates, {});
      assert.is(body.code, 'RATES.NOT_FOUND');
    }
    const stored = (await (await req(ctx, '/rates/2024-01-02/')).json()) as Record<string, unknown>;
    assert.is(stored.date, '2024-01-02');
    assert.equal(stored.currency_rates, { EUR: 1, USD: 1.1, GBP: 0.86 });
  },
);

t('tRPC errors keep the envelope with the stable code, a readable message and issues as data', async (ctx) => {
  const res = await req(ctx, `/trpc/rates.byDate?input=${encodeURIComponent('{"date":"2024-1-2","base":"US1"}')}`);
  assert.is(res.status, 400);
  const { error } = (await res.json()) as { error: { message: string; data: Record<string, unknown> } };
  assert.is(error.data.error, 'RATES.INVALID_DATE');
  assert.not.match(error.message, /^\[|^\{/, 'not a JSON string');
  assert.match(error.message, /date: must be a calendar date/);
  assert.ok(Array.isArray(error.data.issues) && (error.data.issues as unknown[]).length === 2);
});

t('HEAD has the status and headers of GET, without a body, whatever the cache holds', async (ctx) => {
  const paths = [
    '/rates/2024-01-02',
    '/rates/2024-01-02', // now from the edge cache
    '/rates/2024-01-03',
    '/rates/not_a_date',
    '/rates/latest',
    `/trpc/rates.byDate?input=${encodeURIComponent('{"date":"2024-01-02"}')}`,
    '/currencies',
    '/openapi.json',
    '/docs',
  ];
  for (const path of paths) {
    const get = await req(ctx, path, { headers: { 'accept-encoding': 'identity' } });
    await get.arrayBuffer();
    const head = await req(ctx, path, { method: 'HEAD', headers: { 'accept-encoding': 'identity' } });
    assert.is(head.status, get.status, path);
    assert.is(await head.text(), '', path);
    for (const name of ['content-type', 'cache-control', 'etag', 'content-length'])
      assert.is(head.headers.get(name), get.headers.get(name), `${path} ${name}`);
  }
  const badKey = await req(ctx, '/rates/2024-01-02', { method: 'HEAD', headers: { 'x-api-key': 'nope' } });
  assert.is(badKey.status, 401);
});

t('a known path with another method is 405 with Allow (TRACE too); an unknown path is a JSON 404', async (ctx) => {
  for (const [path, method, allow] of [
    ['/rates/2024-01-02', 'PUT', 'GET, HEAD, OPTIONS'],
    ['/rates/2024-01-02', 'DELETE', 'GET, HEAD, OPTIONS'],
    ['/rates/2024-01-02', 'PATCH', 'GET, HEAD, OPTIONS'],
    ['/ingest', 'GET', 'OPTIONS, POST'],
    ['/trpc/rates.byDate', 'PUT', 'GET, HEAD, OPTIONS, POST'],
  ] as const) {
    const res = await req(ctx, path, { method });
    assert.is(res.status, 405, `${method} ${path}`);
    assert.is(res.headers.get('allow'), allow, `${method} ${path}`);
    assert.is(((await res.json()) as { code: string }).code, 'REQUEST.METHOD_NOT_ALLOWED');
  }
  for (const path of ['/rates/2024-01-02', '/trpc/rates.byDate', '/healthz']) {
    const trace = await rawRequest(ctx.app!.url, { method: 'TRACE', path });
    assert.is(trace.status, 405, `TRACE ${path}`);
  }
  const unknown = await req(ctx, '/no/such/thing');
  assert.is(unknown.status, 404);
  assert.is(((await unknown.json()) as { code: string }).code, 'ROUTE.NOT_FOUND');
});

t('percent-encoded paths are decoded; an absolute-form request target is served', async (ctx) => {
  const encoded = await rawRequest(ctx.app!.url, { method: 'GET', path: '/rates/2024%2D01%2D02' });
  assert.is(encoded.status, 200, encoded.text);
  assert.is(JSON.parse(encoded.text).date, '2024-01-02');
  const absolute = await rawRequest(ctx.app!.url, {
    method: 'GET',
    path: `${ctx.app!.url}/rates/2024-01-02?symbols=USD`,
  });
  assert.is(absolute.status, 200, absolute.text);
  assert.equal(JSON.parse(absolute.text).currency_rates, { USD: 1.1 });
});

t('If-None-Match compares weakly and takes lists and *', async (ctx) => {
  for (const path of ['/rates/2024-01-02?symbols=GBP', '/rates/2024-01-02?symbols=GBP']) {
    const etag = (await req(ctx, path)).headers.get('etag')!;
    assert.match(etag, /^"/);
    for (const header of [etag, `W/${etag}`, `"other", W/${etag}`, '*']) {
      const res = await req(ctx, path, { headers: { 'if-none-match': header } });
      assert.is(res.status, 304, header);
      assert.is(res.headers.get('etag'), etag);
    }
    assert.is((await req(ctx, path, { headers: { 'if-none-match': '"other"' } })).status, 200);
  }
});

t(
  'CORS: preflights name the methods and headers callers use; ETag and Retry-After are exposed; admin routes not for *',
  async (ctx) => {
    const preflight = await req(ctx, '/rates/2024-01-02', {
      method: 'OPTIONS',
      headers: {
        origin: 'https://app.example',
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'authorization, x-api-key, if-none-match',
      },
    });
    assert.ok(preflight.status === 204 || preflight.status === 200, String(preflight.status));
    assert.is(preflight.headers.get('access-control-allow-origin'), '*');
    assert.match(preflight.headers.get('access-control-allow-methods') ?? '', /GET/);
    const allowed = (preflight.headers.get('access-control-allow-headers') ?? '').toLowerCase();
    for (const h of ['authorization', 'x-api-key', 'if-none-match', 'if-modified-since'])
      assert.ok(allowed.includes(h), h);
    const get = await req(ctx, '/rates/2024-01-02', { headers: { origin: 'https://app.example' } });
    assert.is(get.headers.get('access-control-allow-origin'), '*');
    assert.match(get.headers.get('access-control-expose-headers') ?? '', /ETag.*Retry-After/i);
    for (const h of ['last-modified', 'x-rates-provider', 'x-rates-revision', 'x-rates-as-of']) {
      assert.ok((get.headers.get('access-control-expose-headers') ?? '').toLowerCase().includes(h), h);
    }
    const admin = await req(ctx, '/ingest', {
      method: 'OPTIONS',
      headers: { origin: 'https://app.example', 'access-control-request-method': 'POST' },
    });
    assert.is(admin.headers.get('access-control-allow-origin'), null);
  },
);

t('CORS_ORIGINS lists the origins, for read and admin routes alike', async () => {
  const app = await startTestApp({ env: { CORS_ORIGINS: 'https://ops.example, https://app.example' } });
  try {
    const listed = await fetch(`${app.url}/ingest`, {
      method: 'OPTIONS',
      headers: { origin: 'https://ops.example', 'access-control-request-method': 'POST' },
    });
    assert.is(listed.headers.get('access-control-allow-origin'), 'https://ops.example');
    const other = await fetch(`${app.url}/currencies`, { headers: { origin: 'https://evil.example' } });
    assert.is(other.headers.get('access-control-allow-origin'), null);
  } finally {
    await app.close();
  }
});

t(
  'gzip and brotli by Accept-Encoding above a threshold, with Vary; an edge cache hit sends the same bytes',
  async (ctx) => {
    for (const encoding of ['gzip', 'br']) {
      const answers = [];
      for (let i = 0; i < 2; i++) {
        const res = await rawBytes(ctx.app!.url, '/rates/2024-01-04', { 'accept-encoding': encoding });
        assert.is(res.headers['content-encoding'], encoding);
        assert.match(String(res.headers.vary), /accept-encoding/i);
        answers.push(res);
      }
      assert.ok(answers[0]!.body.equals(answers[1]!.body), `${encoding}: the hit replays the bytes it kept`);
      assert.is(answers[0]!.headers.etag, answers[1]!.headers.etag);
    }
    const small = await rawBytes(ctx.app!.url, '/rates/2024-01-02?symbols=USD', { 'accept-encoding': 'gzip' });
    assert.is(small.headers['content-encoding'], undefined, 'below the threshold');
    const plain = await rawBytes(ctx.app!.url, '/rates/2024-01-04', {});
    assert.is(plain.headers['content-encoding'], undefined, 'nothing asked, nothing compressed');
    assert.is(JSON.parse(plain.body.toString()).date, '2024-01-04');
  },
);

t('bodies: the caller is refused before the body is read; then 400, 413, 415', async (ctx) => {
  const post = (body: string, headers: Record<string, string>) =>
    rawRequest(ctx.app!.url, { method: 'POST', path: '/ingest', body, headers });
  const json = { 'content-type': 'application/json' };
  const huge = JSON.stringify({ dates: Array.from({ length: 200_000 }, () => '2024-01-01') });
  assert.is((await post('{not json', json)).status, 401);
  assert.is((await post(huge, json)).status, 401);
  assert.is((await post('{not json', { ...json, 'x-api-key': reader.key })).status, 403);
  const trpc = await rawRequest(ctx.app!.url, {
    method: 'POST',
    path: '/trpc/ingest.run',
    body: '{not json',
    headers: json,
  });
  assert.is(trpc.status, 401);
  const asAdmin = { ...json, 'x-api-key': admin.key };
  const malformed = await post('{not json', asAdmin);
  assert.is(malformed.status, 400);
  assert.is(JSON.parse(malformed.text).code, 'REQUEST.INVALID');
  const tooLarge = await post(huge, asAdmin);
  assert.is(tooLarge.status, 413);
  assert.is(JSON.parse(tooLarge.text).code, 'REQUEST.TOO_LARGE');
  const text = await post('days=1', { 'content-type': 'text/plain', 'x-api-key': admin.key });
  assert.is(text.status, 415);
  assert.is(JSON.parse(text.text).code, 'REQUEST.UNSUPPORTED_MEDIA_TYPE');
  const trpcTooLarge = await rawRequest(ctx.app!.url, {
    method: 'POST',
    path: '/trpc/ingest.run',
    body: huge,
    headers: asAdmin,
  });
  assert.is(trpcTooLarge.status, 413);
});

/** One GET on its own connection, its body as the bytes sent (not decoded). */
function rawBytes(origin: string, path: string, headers: Record<string, string>) {
  return new Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    const r = httpRequest(`${origin}${path}`, { headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    r.on('error', reject).end();
  });
}

t.run();
