import * as assert from 'uvu/assert';
import { InMemoryRequestBudget } from '../../../src/adapters/memory/in-memory-request-budget.js';
import { isoDate } from '../../../src/domain/iso-date.js';
import type { FixerSandbox } from '../../../src/sandbox/fixer/index.js';
import { providerError, SANDBOX_NOW, startTestSandbox, testProvider } from '../../support/fixer-sandbox.js';
import { suite } from '../../support/suite.js';

const t = suite<{ sandbox: FixerSandbox }>('FixerRateProvider: classification', {} as { sandbox: FixerSandbox });

t.before(async (ctx) => {
  ctx.sandbox = await startTestSandbox();
});
t.before.each((ctx) => ctx.sandbox.reset());
t.after(async (ctx) => {
  await ctx.sandbox.close();
});

const DAY = isoDate('2024-01-03');

t('101 (bad key, classic) is permanent and not retried', async (ctx) => {
  const { provider } = testProvider(ctx.sandbox.url, { apiKey: 'wrong-key', retries: 3 });
  const e = await providerError(provider.fetchDay(DAY));
  assert.is(e.kind, 'permanent');
  assert.is(e.providerCode, 101);
  assert.match(e.message, 'invalid_access_key');
  assert.is(ctx.sandbox.requests.count, 1);
});

t('gateway 401 (bad key, APILayer) is permanent and not retried', async (ctx) => {
  const { provider } = testProvider(ctx.sandbox.apilayerUrl, { apiKey: 'wrong-key' });
  const e = await providerError(provider.fetchDay(DAY));
  assert.is(e.kind, 'permanent');
  assert.is(e.providerCode, 'HTTP_401');
  assert.is(ctx.sandbox.requests.count, 1);
});

t('105 and 106 are permanent and not retried', async (ctx) => {
  for (const [code, n] of [
    [105, 1],
    [106, 2],
  ] as const) {
    ctx.sandbox.set({ dateErrors: [{ dates: ['2024-01-03'], code }] });
    const { provider } = testProvider(ctx.sandbox.url);
    const e = await providerError(provider.fetchDay(DAY));
    assert.is(e.kind, 'permanent');
    assert.is(e.providerCode, code);
    assert.is(ctx.sandbox.requests.count, n);
  }
  const { provider } = testProvider(ctx.sandbox.url);
  const future = await providerError(provider.fetchDay(isoDate('2024-06-20')));
  assert.is(future.providerCode, 106);
  assert.is(ctx.sandbox.requests.count, 3);
});

t('quota: classic 104 is kind quota, not retried, and stops later calls locally', async (ctx) => {
  ctx.sandbox.set({ monthlyQuota: 0 });
  const { provider, budget } = testProvider(ctx.sandbox.url, {}, new InMemoryRequestBudget({ fixer: 100 }));
  const e = await providerError(provider.fetchDay(DAY));
  assert.is(e.kind, 'quota');
  assert.is(e.providerCode, 104);
  assert.is(ctx.sandbox.requests.count, 1);
  assert.is((await budget.status('fixer', SANDBOX_NOW, ctx.sandbox.url)).remaining, 0);
  const next = await providerError(provider.fetchDay(DAY));
  assert.is(next.providerCode, 'BUDGET_EXHAUSTED');
  assert.is(ctx.sandbox.requests.count, 1);
});

t('quota: APILayer 429 is kind quota and not retried', async (ctx) => {
  ctx.sandbox.set({ monthlyQuota: 0 });
  const { provider } = testProvider(ctx.sandbox.apilayerUrl);
  const e = await providerError(provider.fetchDay(DAY));
  assert.is(e.kind, 'quota');
  assert.is(e.providerCode, 'HTTP_429');
  assert.match(e.message, 'rate limit');
  assert.is(ctx.sandbox.requests.count, 1);
});

t('an exhausted budget sends nothing at all', async (ctx) => {
  const { provider } = testProvider(ctx.sandbox.url, {}, new InMemoryRequestBudget({ fixer: 0 }));
  const e = await providerError(provider.fetchDay(DAY));
  assert.is(e.kind, 'quota');
  assert.is(e.providerCode, 'BUDGET_EXHAUSTED');
  assert.is(ctx.sandbox.requests.count, 0);
});

t('every attempt, retries included, is paid from the budget', async (ctx) => {
  ctx.sandbox.set({ failRate: 1 });
  const budget = new InMemoryRequestBudget({ fixer: 2 });
  const { provider } = testProvider(ctx.sandbox.url, { retries: 5 }, budget);
  const e = await providerError(provider.fetchDay(DAY));
  assert.is(e.providerCode, 'BUDGET_EXHAUSTED');
  assert.is(ctx.sandbox.requests.count, 2);
});

t('APILayer remaining-month header updates the budget', async (ctx) => {
  ctx.sandbox.set({ monthlyQuota: 50 });
  const budget = new InMemoryRequestBudget({ fixer: 50 });
  const { provider } = testProvider(ctx.sandbox.apilayerUrl, {}, budget);
  await provider.fetchDay(DAY);
  await provider.fetchDay(DAY);
  ctx.sandbox.set({ monthlyQuota: 10 }); // the provider now says 7 left (3 used of 10)
  await provider.fetchDay(DAY);
  assert.is((await budget.status('fixer', SANDBOX_NOW, ctx.sandbox.apilayerUrl)).remaining, 7);
});

t('the monthly cap holds when the provider reports a larger plan (APILayer header)', async (ctx) => {
  ctx.sandbox.set({ monthlyQuota: 10_000 });
  const budget = new InMemoryRequestBudget({ fixer: 4 });
  const { provider } = testProvider(ctx.sandbox.apilayerUrl, {}, budget);
  const answers = [];
  for (let d = 1; d <= 10; d++) {
    answers.push(
      await provider.fetchDay(isoDate(`2024-01-${String(d).padStart(2, '0')}`)).then(
        () => 'ok',
        (e: { providerCode?: unknown }) => e.providerCode,
      ),
    );
  }
  assert.is(ctx.sandbox.requests.count, 4, 'never more requests than FIXER_MONTHLY_QUOTA');
  assert.equal(answers.slice(4), Array(6).fill('BUDGET_EXHAUSTED'));
  assert.is((await budget.status('fixer', SANDBOX_NOW, ctx.sandbox.apilayerUrl)).remaining, 0);
});

t('requests to one endpoint do not spend the budget of another', async (ctx) => {
  const budget = new InMemoryRequestBudget({ fixer: 1 });
  const sandbox = testProvider(ctx.sandbox.url, {}, budget).provider;
  await sandbox.fetchDay(DAY);
  assert.is((await budget.status('fixer', SANDBOX_NOW, ctx.sandbox.url)).remaining, 0);
  assert.is((await budget.status('fixer', SANDBOX_NOW, 'https://data.fixer.io/api')).remaining, 1);
  const other = testProvider(ctx.sandbox.apilayerUrl, {}, budget).provider;
  await other.fetchDay(DAY);
  assert.is(ctx.sandbox.requests.count, 2);
});

t('HTML and truncated bodies are transient: retried, then reported', async (ctx) => {
  for (const [fault, settings] of [
    ['html', { htmlRate: 1 }],
    ['truncate', { truncateRate: 1 }],
  ] as const) {
    ctx.sandbox.reset();
    ctx.sandbox.set(settings);
    const { provider } = testProvider(ctx.sandbox.url, { retries: 2 });
    const e = await providerError(provider.fetchDay(DAY));
    assert.is(e.kind, 'transient', fault);
    assert.is(e.providerCode, 'INVALID_JSON', fault);
    assert.is(ctx.sandbox.requests.count, 3, fault);
  }
});

t('HTTP 5xx is transient and retried up to the limit', async (ctx) => {
  ctx.sandbox.set({ failRate: 1, failStatuses: [524] });
  const { provider } = testProvider(ctx.sandbox.url, { retries: 2 });
  const e = await providerError(provider.fetchDay(DAY));
  assert.is(e.kind, 'transient');
  assert.is(e.providerCode, 'HTTP_524');
  assert.is(ctx.sandbox.requests.count, 3);
});

t.run();
