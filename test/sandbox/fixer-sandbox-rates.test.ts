import * as assert from 'uvu/assert';
import type { FixerSandbox } from '../../src/sandbox/fixer/index.js';
import { httpGet, SANDBOX_KEY, SANDBOX_NOW, startTestSandbox } from '../support/fixer-sandbox.js';
import { suite } from '../support/suite.js';

const t = suite<{ sandbox: FixerSandbox }>('fixer sandbox: rates', {} as { sandbox: FixerSandbox });

t.before(async (ctx) => {
  ctx.sandbox = await startTestSandbox();
});
t.after(async (ctx) => {
  await ctx.sandbox.close();
});

const classic = (ctx: { sandbox: FixerSandbox }, path: string) =>
  httpGet(`${ctx.sandbox.url}/${path}${path.includes('?') ? '&' : '?'}access_key=${SANDBOX_KEY}`);

t('historical: same date gives the same text, another date other numbers', async (ctx) => {
  const a = await classic(ctx, '2024-01-03');
  const b = await classic(ctx, '2024-01-03');
  const c = await classic(ctx, '2024-01-04');
  assert.is(a.status, 200);
  assert.is(a.text, b.text);
  assert.is.not(a.json().rates.USD, c.json().rates.USD);
  const body = a.json();
  assert.is(body.success, true);
  assert.is(body.historical, true);
  assert.is(body.base, 'EUR');
  assert.is(body.date, '2024-01-03');
  assert.is(body.timestamp, Date.parse('2024-01-03T23:59:59Z') / 1000);
  assert.is(body.rates.EUR, 1);
  assert.is(Object.keys(body.rates).length, 170);
});

t('rates have at most 6 decimals, move smoothly and a tiny one is in exponent form', async (ctx) => {
  const a = await classic(ctx, '2024-01-03');
  assert.match(a.text, /"BTC":\d\.\d+e-05/);
  const rates = a.json().rates as Record<string, number>;
  assert.ok(rates.BTC! > 0 && rates.BTC! < 1e-4);
  for (const [code, rate] of Object.entries(rates)) {
    assert.ok(rate > 0, code);
    if (rate >= 1e-4)
      assert.ok(Math.abs(rate * 1e6 - Math.round(rate * 1e6)) < 1e-3, `${code}=${rate} has more than 6 decimals`);
  }
  const next = (await classic(ctx, '2024-01-04')).json().rates as Record<string, number>;
  for (const code of ['USD', 'JPY', 'GBP', 'BTC', 'XAU']) {
    const move = Math.abs(next[code]! / rates[code]! - 1);
    assert.ok(move < 0.01, `${code} moved ${move}`);
  }
});

t('latest is dated today with the current timestamp', async (ctx) => {
  const body = (await classic(ctx, 'latest?symbols=USD')).json();
  assert.is(body.date, '2024-06-15');
  assert.is(body.timestamp, SANDBOX_NOW.getTime() / 1000);
  assert.is(body.historical, undefined);
  assert.equal(Object.keys(body.rates), ['USD']);
});

t('symbols lists 170 currencies with English names', async (ctx) => {
  const body = (await classic(ctx, 'symbols')).json();
  assert.is(body.success, true);
  assert.is(Object.keys(body.symbols).length, 170);
  assert.is(body.symbols.USD, 'United States Dollar');
  assert.is(body.symbols.BTC, 'Bitcoin');
});

t('symbols filter: unknown ones dropped, base listed with 1, cross base derived from EUR', async (ctx) => {
  const eur = (await classic(ctx, '2024-01-03?symbols=USD,GBP')).json();
  const usd = (await classic(ctx, '2024-01-03?base=USD&symbols=EUR,GBP,usd,ZZZ')).json();
  assert.is(usd.base, 'USD');
  assert.equal(Object.keys(usd.rates), ['EUR', 'GBP', 'USD']);
  assert.is(usd.rates.USD, 1);
  assert.ok(Math.abs(usd.rates.EUR - 1 / eur.rates.USD) < 1e-5);
  assert.ok(Math.abs(usd.rates.GBP - eur.rates.GBP / eur.rates.USD) < 1e-5);
});

t('timeseries lists every day with the same numbers as the historical endpoint', async (ctx) => {
  const body = (await classic(ctx, 'timeseries?start_date=2024-01-01&end_date=2024-01-05&symbols=USD,BTC')).json();
  assert.is(body.timeseries, true);
  assert.is(body.start_date, '2024-01-01');
  assert.is(body.end_date, '2024-01-05');
  assert.equal(Object.keys(body.rates), ['2024-01-01', '2024-01-02', '2024-01-03', '2024-01-04', '2024-01-05']);
  const day = (await classic(ctx, '2024-01-03?symbols=USD,BTC')).json();
  assert.equal(body.rates['2024-01-03'], day.rates);
});

t('convert and fluctuation follow the same rates', async (ctx) => {
  const day = (await classic(ctx, '2024-01-03?base=GBP&symbols=JPY')).json();
  const conv = (await classic(ctx, 'convert?from=GBP&to=JPY&amount=25&date=2024-01-03')).json();
  assert.is(conv.info.rate, day.rates.JPY);
  assert.is(conv.result, Math.round(25 * day.rates.JPY * 1e6) / 1e6);
  assert.equal(conv.query, { from: 'GBP', to: 'JPY', amount: 25 });
  const fl = (await classic(ctx, 'fluctuation?start_date=2024-01-01&end_date=2024-01-03&symbols=USD')).json();
  const end = (await classic(ctx, '2024-01-03?symbols=USD')).json().rates.USD;
  assert.is(fl.fluctuation, true);
  assert.is(fl.rates.USD.end_rate, end);
  assert.is(fl.rates.USD.change, Math.round((end - fl.rates.USD.start_rate) * 1e4) / 1e4);
});

t('the request log counts requests and never holds the key', async (ctx) => {
  const before = ctx.sandbox.requests.count;
  await classic(ctx, 'latest');
  await httpGet(`${ctx.sandbox.apilayerUrl}/latest`, { headers: { apikey: SANDBOX_KEY } });
  const { count, log } = ctx.sandbox.requests;
  assert.is(count, before + 2);
  assert.is(log.at(-2)?.path, '/api/latest');
  assert.is(log.at(-1)?.path, '/fixer/latest');
  assert.not.match(JSON.stringify(log), SANDBOX_KEY);
});

t.run();
