import * as assert from 'uvu/assert';
import { chooseFile } from '../../../src/adapters/ecb/ecb-files.js';
import { isNoPublicationError, isProviderError, type ProviderError } from '../../../src/domain/errors.js';
import { isoDate } from '../../../src/domain/iso-date.js';
import type { EcbSandbox } from '../../../src/sandbox/ecb/index.js';
import {
  ECB_NOW,
  expectedRates,
  requestedFiles,
  startTestEcbSandbox,
  testEcbProvider,
} from '../../support/ecb-sandbox.js';
import { rejectionOf } from '../../support/fixer-sandbox.js';
import { suite } from '../../support/suite.js';

const t = suite<{ sandbox: EcbSandbox }>('EcbRateProvider: days, ranges, files', {} as { sandbox: EcbSandbox });

t.before(async (ctx) => {
  ctx.sandbox = await startTestEcbSandbox();
});
t.before.each((ctx) => ctx.sandbox.reset());
t.after(async (ctx) => {
  await ctx.sandbox.close();
});

const DAILY = 'eurofxref-daily.xml';
const NINETY = 'eurofxref-hist-90d.xml';
const HIST = 'eurofxref-hist.xml';

t('the latest day comes from the daily file, exact values, EUR added, published at 15:00 UTC', async (ctx) => {
  const { provider } = testEcbProvider(ctx.sandbox.url);
  assert.is(provider.name, 'ecb');
  const day = await provider.fetchDay(isoDate('2024-06-14'));
  assert.equal(day, {
    date: '2024-06-14',
    base: 'EUR',
    provider: 'ecb',
    rates: expectedRates('2024-06-14'),
    sourceTimestamp: new Date('2024-06-14T15:00:00Z'),
    fetchedAt: ECB_NOW,
  });
  assert.is(day.rates.EUR, 1);
  assert.is(Object.keys(day.rates).length, 31);
  assert.equal(requestedFiles(ctx.sandbox), [DAILY]);
});

t('a recent day comes from the 90-day file, an old one from the full history', async (ctx) => {
  const { provider } = testEcbProvider(ctx.sandbox.url);
  assert.equal((await provider.fetchDay(isoDate('2024-06-13'))).rates, expectedRates('2024-06-13'));
  assert.equal((await provider.fetchDay(isoDate('2024-03-21'))).rates, expectedRates('2024-03-21'));
  assert.equal((await provider.fetchDay(isoDate('2024-01-02'))).rates, expectedRates('2024-01-02'));
  assert.equal((await provider.fetchDay(isoDate('1999-01-04'))).rates, expectedRates('1999-01-04'));
  // Each file is downloaded once: a file fetched a minute ago is reused.
  assert.equal(requestedFiles(ctx.sandbox), [NINETY, HIST]);
});

t('fetchRange: every published day in range from one file; weekends and holidays absent', async (ctx) => {
  const { provider } = testEcbProvider(ctx.sandbox.url);
  const easter = (await provider.fetchRange(isoDate('2024-03-27'), isoDate('2024-04-03')))!;
  assert.equal(
    easter.map((d) => d.date),
    ['2024-03-27', '2024-03-28', '2024-04-02', '2024-04-03'],
  );
  assert.equal(easter[2]!.rates, expectedRates('2024-04-02'));
  const newYear = (await provider.fetchRange(isoDate('2023-12-22'), isoDate('2024-01-03')))!;
  assert.equal(
    newYear.map((d) => d.date),
    ['2023-12-22', '2023-12-27', '2023-12-28', '2023-12-29', '2024-01-02', '2024-01-03'],
  );
  const latest = (await provider.fetchRange(isoDate('2024-06-14'), isoDate('2024-06-16')))!;
  assert.equal(
    latest.map((d) => d.date),
    ['2024-06-14'],
  );
  assert.equal(requestedFiles(ctx.sandbox), [NINETY, HIST, DAILY]);
  assert.equal(await provider.fetchRange(isoDate('1998-01-01'), isoDate('1998-12-31')), []);
  assert.is(ctx.sandbox.requests.count, 3, 'nothing to ask before 1999-01-04');
});

t('a weekend or a holiday is NoPublicationError after exactly one request', async (ctx) => {
  for (const date of ['2024-06-08', '2024-05-01', '2024-03-29']) {
    ctx.sandbox.reset();
    const { provider, logger } = testEcbProvider(ctx.sandbox.url);
    const e = await rejectionOf(provider.fetchDay(isoDate(date)));
    assert.ok(isNoPublicationError(e), `${date}: ${String(e)}`);
    assert.match((e as Error).message, date);
    assert.is(ctx.sandbox.requests.count, 1, date);
    assert.not.ok(logger.lines.some((l) => l.message.includes('retrying')));
  }
});

t(
  'a working day after the newest publication is NOT_YET_PUBLISHED; a weekend after it is no publication',
  async (ctx) => {
    const morning = new Date('2024-06-14T10:00:00Z');
    ctx.sandbox.set({ now: () => morning });
    const { provider } = testEcbProvider(ctx.sandbox.url, {}, () => morning);
    const e = (await rejectionOf(provider.fetchDay(isoDate('2024-06-14')))) as ProviderError;
    assert.ok(isProviderError(e), String(e));
    assert.is(e.kind, 'permanent');
    assert.is(e.scope, 'request');
    assert.is(e.providerCode, 'NOT_YET_PUBLISHED');
    assert.match(e.message, '2024-06-13');
    assert.ok(isNoPublicationError(await rejectionOf(provider.fetchDay(isoDate('2024-06-15')))));
    assert.equal(requestedFiles(ctx.sandbox), [DAILY]);
  },
);

t('a clock behind the ECB: the daily file holds a newer day, so the 90-day file is asked next', async (ctx) => {
  const { provider } = testEcbProvider(ctx.sandbox.url, {}, () => new Date('2024-06-14T14:00:00Z'));
  assert.equal((await provider.fetchDay(isoDate('2024-06-13'))).rates, expectedRates('2024-06-13'));
  assert.equal(requestedFiles(ctx.sandbox), [DAILY, NINETY]);
});

t('before 1999-01-04 there is no publication and nothing is requested', async (ctx) => {
  const { provider } = testEcbProvider(ctx.sandbox.url);
  assert.ok(isNoPublicationError(await rejectionOf(provider.fetchDay(isoDate('1998-12-31')))));
  assert.is(ctx.sandbox.requests.count, 0);
});

t('a wrong base URL (404) is permanent and not retried', async (ctx) => {
  const { provider } = testEcbProvider(ctx.sandbox.url.replace('/stats/', '/nope/'));
  const e = (await rejectionOf(provider.fetchDay(isoDate('2024-06-14')))) as ProviderError;
  assert.ok(isProviderError(e), String(e));
  assert.is(e.kind, 'permanent');
  assert.is(e.providerCode, 'HTTP_404');
  assert.is(ctx.sandbox.requests.count, 1);
});

t('file choice: daily from the latest possible publication day, 90-day within 85 days, else history', () => {
  assert.is(chooseFile(isoDate('2024-06-14'), ECB_NOW), DAILY);
  assert.is(chooseFile(isoDate('2024-06-14'), new Date('2024-06-14T14:59:00Z')), DAILY, 'not yet published');
  assert.is(chooseFile(isoDate('2024-06-13'), new Date('2024-06-14T14:59:00Z')), DAILY);
  assert.is(chooseFile(isoDate('2024-06-14'), new Date('2024-06-17T09:00:00Z')), DAILY, 'Monday morning: Friday');
  assert.is(chooseFile(isoDate('2024-06-13'), new Date('2024-06-17T09:00:00Z')), NINETY);
  assert.is(chooseFile(isoDate('2024-03-21'), ECB_NOW), NINETY);
  assert.is(chooseFile(isoDate('2024-03-20'), ECB_NOW), HIST);
});

t.run();
