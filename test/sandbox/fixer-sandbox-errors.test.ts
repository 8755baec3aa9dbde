import * as assert from 'uvu/assert';
import type { FixerSandbox } from '../../src/sandbox/fixer/index.js';
import { httpGet, SANDBOX_KEY, startTestSandbox, type RawAnswer } from '../support/fixer-sandbox.js';
import { suite } from '../support/suite.js';

const t = suite<{ sandbox: FixerSandbox }>('fixer sandbox: errors, plans and quota', {} as { sandbox: FixerSandbox });

t.before(async (ctx) => {
  ctx.sandbox = await startTestSandbox();
});
t.before.each((ctx) => ctx.sandbox.reset());
t.after(async (ctx) => {
  await ctx.sandbox.close();
});

const classic = (ctx: { sandbox: FixerSandbox }, path: string) =>
  httpGet(`${ctx.sandbox.url}/${path}${path.includes('?') ? '&' : '?'}access_key=${SANDBOX_KEY}`);
const apilayer = (ctx: { sandbox: FixerSandbox }, path: string, init: RequestInit = {}) =>
  httpGet(`${ctx.sandbox.apilayerUrl}/${path}`, { headers: { apikey: SANDBOX_KEY }, ...init });

/** Asserts a Fixer envelope error with HTTP 200 and returns its `error`. */
async function envelope(answer: Promise<RawAnswer>, code: number) {
  const a = await answer;
  assert.is(a.status, 200);
  const body = a.json();
  assert.is(body.success, false);
  assert.is(body.error.code, code);
  return body.error as { code: number; type: string; info?: string };
}

t('classic: a missing or wrong key is a 101 envelope with HTTP 200', async (ctx) => {
  assert.is((await envelope(httpGet(`${ctx.sandbox.url}/latest`), 101)).type, 'missing_access_key');
  assert.is((await envelope(httpGet(`${ctx.sandbox.url}/latest?access_key=nope`), 101)).type, 'invalid_access_key');
});

t('dates: not a date is 302, future and pre-1999 are 106', async (ctx) => {
  assert.is((await envelope(classic(ctx, '2024-02-30'), 302)).type, 'invalid_date');
  await envelope(classic(ctx, 'foo'), 302);
  await envelope(classic(ctx, '2024-06-16'), 106);
  await envelope(classic(ctx, '1998-12-31'), 106);
  await envelope(apilayer(ctx, 'foo'), 302);
});

t('base and symbols: unknown base is 201 without info, all-unknown symbols 202', async (ctx) => {
  const e201 = await envelope(classic(ctx, 'latest?base=ZZZ'), 201);
  assert.is(e201.info, undefined);
  assert.is((await envelope(classic(ctx, 'latest?symbols=ZZZ,QQQ'), 202)).type, 'invalid_currency_codes');
});

t('timeseries range rules: 501, 502, 503, 504, 505, 106', async (ctx) => {
  await envelope(classic(ctx, 'timeseries'), 501);
  await envelope(classic(ctx, 'timeseries?start_date=2024-01-01&end_date='), 501);
  await envelope(classic(ctx, 'timeseries?start_date=2024-13-01&end_date=2024-01-05'), 502);
  await envelope(classic(ctx, 'timeseries?start_date=2024-01-01&end_date=nope'), 503);
  await envelope(classic(ctx, 'timeseries?start_date=2024-01-05&end_date=2024-01-01'), 504);
  await envelope(classic(ctx, 'timeseries?start_date=2022-01-01&end_date=2023-01-02'), 505);
  const ok = (await classic(ctx, 'timeseries?start_date=2023-01-01&end_date=2024-01-01&symbols=USD')).json();
  assert.is(Object.keys(ok.rates).length, 366);
  await envelope(classic(ctx, 'timeseries?start_date=2024-06-10&end_date=2024-06-20'), 106);
  await envelope(classic(ctx, 'timeseries?start_date=1998-12-01&end_date=1999-01-05'), 106);
});

t('APILayer gateway: 401 without or with a wrong key, 404 off-route, 403 for POST', async (ctx) => {
  const noKey = await httpGet(`${ctx.sandbox.apilayerUrl}/latest`);
  assert.is(noKey.status, 401);
  assert.equal(noKey.json(), { message: 'No API key found in request' });
  const wrong = await httpGet(`${ctx.sandbox.apilayerUrl}/latest`, { headers: { apikey: 'nope' } });
  assert.is(wrong.status, 401);
  assert.type(wrong.json().message, 'string');
  assert.is(wrong.json().success, undefined);
  for (const path of ['fixer/latest/extra', 'other/latest', '']) {
    const off = await httpGet(`${ctx.sandbox.url.replace('/api', '')}/${path}`, { headers: { apikey: SANDBOX_KEY } });
    assert.is(off.status, 404, path);
    assert.equal(off.json(), { message: 'no Route matched with those values' });
  }
  const post = await apilayer(ctx, 'latest', { method: 'POST' });
  assert.is(post.status, 403);
  assert.equal(post.json(), { message: 'You cannot consume this service' });
});

t('APILayer: Fixer errors are still HTTP 200 envelopes', async (ctx) => {
  await envelope(apilayer(ctx, 'timeseries?start_date=2024-01-05&end_date=2024-01-01'), 504);
});

t('free plan: EUR base only and no timeseries, fluctuation or convert (105)', async (ctx) => {
  ctx.sandbox.set({ plan: 'free' });
  const base = await envelope(classic(ctx, '2024-01-03?base=USD'), 105);
  assert.is(base.type, 'base_currency_access_restricted');
  assert.is(base.info, undefined);
  assert.is(
    (await envelope(classic(ctx, 'timeseries?start_date=2024-01-01&end_date=2024-01-02'), 105)).type,
    'function_access_restricted',
  );
  await envelope(classic(ctx, 'fluctuation?start_date=2024-01-01&end_date=2024-01-02'), 105);
  await envelope(classic(ctx, 'convert?from=EUR&to=USD&amount=1'), 105);
  const eur = (await classic(ctx, '2024-01-03?base=EUR')).json();
  assert.is(eur.success, true);
});

t('monthly quota: classic 104 envelope, APILayer 429 with rate-limit headers', async (ctx) => {
  ctx.sandbox.set({ monthlyQuota: 2 });
  const first = await apilayer(ctx, 'latest');
  assert.is(first.headers.get('x-ratelimit-limit-month'), '2');
  assert.is(first.headers.get('x-ratelimit-remaining-month'), '1');
  assert.is((await apilayer(ctx, 'latest')).headers.get('x-ratelimit-remaining-month'), '0');
  const over = await apilayer(ctx, 'latest');
  assert.is(over.status, 429);
  assert.match(over.json().message, 'rate limit');
  assert.is(over.headers.get('x-ratelimit-remaining-month'), '0');
  assert.is((await envelope(classic(ctx, 'latest'), 104)).type, 'usage_limit_reached');
  ctx.sandbox.reset();
  assert.is((await classic(ctx, 'latest')).json().success, true);
});

t('classic answers carry no rate-limit headers', async (ctx) => {
  const a = await classic(ctx, 'latest');
  assert.is(a.headers.get('x-ratelimit-remaining-month'), null);
});

t.run();
