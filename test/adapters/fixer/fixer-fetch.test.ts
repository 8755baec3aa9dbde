import * as assert from 'uvu/assert';
import { isoDate } from '../../../src/domain/iso-date.js';
import { isProviderError, type ProviderError } from '../../../src/domain/errors.js';
import type { FixerSandbox } from '../../../src/sandbox/fixer/index.js';
import {
  httpGet,
  rejectionOf,
  SANDBOX_KEY,
  SANDBOX_NOW,
  startTestSandbox,
  testProvider,
} from '../../support/fixer-sandbox.js';
import { suite } from '../../support/suite.js';

const t = suite<{ sandbox: FixerSandbox }>('FixerRateProvider: fetching', {} as { sandbox: FixerSandbox });

t.before(async (ctx) => {
  ctx.sandbox = await startTestSandbox();
});
t.before.each((ctx) => ctx.sandbox.reset());
t.after(async (ctx) => {
  await ctx.sandbox.close();
});

const timeseriesRequests = (s: FixerSandbox) => s.requests.log.filter((r) => r.path.includes('/timeseries')).length;

for (const style of ['classic', 'apilayer'] as const) {
  t(`fetchDay over the ${style} surface: EUR rates, timestamps, one request`, async (ctx) => {
    const url = style === 'classic' ? ctx.sandbox.url : ctx.sandbox.apilayerUrl;
    const { provider } = testProvider(url);
    const day = await provider.fetchDay(isoDate('2024-01-03'));
    assert.is(provider.name, 'fixer');
    assert.is(day.date, '2024-01-03');
    assert.is(day.base, 'EUR');
    assert.is(day.provider, 'fixer');
    assert.is(day.rates.EUR, 1);
    assert.is(Object.keys(day.rates).length, 170);
    assert.is(day.sourceTimestamp?.toISOString(), '2024-01-03T23:59:59.000Z');
    assert.is(day.fetchedAt, SANDBOX_NOW);
    assert.is(ctx.sandbox.requests.count, 1);
    assert.match(
      ctx.sandbox.requests.log[0]!.path,
      style === 'classic' ? '/api/2024-01-03?base=EUR' : '/fixer/2024-01-03?base=EUR',
    );
  });
}

t('an exponent-form value is kept exactly as sent', async (ctx) => {
  const raw = await httpGet(`${ctx.sandbox.url}/2024-01-03?base=EUR&access_key=${SANDBOX_KEY}`);
  const sent = /"BTC":([0-9.]+e-05)/.exec(raw.text)?.[1];
  assert.ok(sent, 'the sandbox should send BTC in exponent form');
  const { provider } = testProvider(ctx.sandbox.url);
  const day = await provider.fetchDay(isoDate('2024-01-03'));
  assert.is(day.rates.BTC, Number(sent));
  assert.is(day.rates.USD, raw.json().rates.USD);
});

t('fetchRange uses one timeseries request per 365 days on a paid plan', async (ctx) => {
  const { provider } = testProvider(ctx.sandbox.url);
  const days = (await provider.fetchRange(isoDate('2024-01-01'), isoDate('2024-01-10')))!;
  assert.is(days.length, 10);
  assert.is(days[0]!.date, '2024-01-01');
  assert.is(days[9]!.date, '2024-01-10');
  assert.is(days[0]!.sourceTimestamp, null);
  const single = await provider.fetchDay(isoDate('2024-01-05'));
  assert.equal(days[4]!.rates, single.rates);
  assert.is(timeseriesRequests(ctx.sandbox), 1);

  const year = (await provider.fetchRange(isoDate('2023-01-01'), isoDate('2024-02-04')))!;
  assert.is(year.length, 400);
  assert.is(timeseriesRequests(ctx.sandbox), 3);
  assert.is(new Set(year.map((d) => d.date)).size, 400);
});

t('fetchRange leaves out days Fixer has no data for', async (ctx) => {
  ctx.sandbox.set({ dateErrors: [{ dates: ['2024-01-02'], code: 106 }] });
  const { provider } = testProvider(ctx.sandbox.url);
  const days = (await provider.fetchRange(isoDate('2024-01-01'), isoDate('2024-01-03')))!;
  assert.equal(
    days.map((d) => d.date),
    ['2024-01-01', '2024-01-03'],
  );
});

t('auto: a 105 for timeseries means null, remembered for later calls', async (ctx) => {
  ctx.sandbox.set({ plan: 'free' });
  const { provider, logger } = testProvider(ctx.sandbox.url, { timeseries: 'auto' });
  assert.is(await provider.fetchRange(isoDate('2024-01-01'), isoDate('2024-01-10')), null);
  assert.is(ctx.sandbox.requests.count, 1);
  assert.is(await provider.fetchRange(isoDate('2024-02-01'), isoDate('2024-02-10')), null);
  assert.is(ctx.sandbox.requests.count, 1, 'the second call must not try timeseries again');
  assert.ok(logger.lines.some((l) => l.message.includes('day by day')));
  assert.is((await provider.fetchDay(isoDate('2024-01-03'))).date, '2024-01-03');
});

t('off: null without any request; on: a 105 is a permanent error', async (ctx) => {
  const off = testProvider(ctx.sandbox.url, { timeseries: 'off' }).provider;
  assert.is(await off.fetchRange(isoDate('2024-01-01'), isoDate('2024-01-10')), null);
  assert.is(ctx.sandbox.requests.count, 0);

  ctx.sandbox.set({ plan: 'free' });
  const on = testProvider(ctx.sandbox.url, { timeseries: 'on' }).provider;
  const e = (await rejectionOf(on.fetchRange(isoDate('2024-01-01'), isoDate('2024-01-10')))) as ProviderError;
  assert.ok(isProviderError(e));
  assert.is(e.kind, 'permanent');
  assert.is(e.providerCode, 105);
  assert.is(ctx.sandbox.requests.count, 1);
});

t('a response for another date is rejected, not stored under the asked one', async (ctx) => {
  ctx.sandbox.set({ wrongDateRate: 1 });
  const { provider } = testProvider(ctx.sandbox.url);
  const e = (await rejectionOf(provider.fetchDay(isoDate('2024-01-03')))) as ProviderError;
  assert.ok(isProviderError(e));
  assert.is(e.kind, 'permanent');
  assert.is(e.providerCode, 'DATE_MISMATCH');
  assert.match(e.message, '2024-01-02');
  assert.is(ctx.sandbox.requests.count, 1);
});

t('a rate that is not positive is rejected', async (ctx) => {
  ctx.sandbox.set({ zeroRateRate: 1 });
  const { provider } = testProvider(ctx.sandbox.url);
  const e = (await rejectionOf(provider.fetchDay(isoDate('2024-01-03')))) as ProviderError;
  assert.is(e.providerCode, 'INVALID_RATE');
  assert.is(e.kind, 'permanent');
});

t.run();
