import * as assert from 'uvu/assert';
import { eachDate, isoDate } from '../../../src/domain/iso-date.js';
import type { EcbSandbox } from '../../../src/sandbox/ecb/index.js';
import { expectedRates, startTestEcbSandbox, testEcbProvider } from '../../support/ecb-sandbox.js';
import { providerError, waitFor } from '../../support/fixer-sandbox.js';
import { suite } from '../../support/suite.js';

const t = suite<{ sandbox: EcbSandbox }>('EcbRateProvider: classification, retries, breaker', {
  sandbox: undefined as unknown as EcbSandbox,
});

t.before(async (ctx) => {
  ctx.sandbox = await startTestEcbSandbox();
});
t.before.each((ctx) => ctx.sandbox.reset());
t.after(async (ctx) => {
  await ctx.sandbox.close();
});

const LATEST = isoDate('2024-06-14');

t('transient faults (5xx, HTML, truncated XML) are retried and every day arrives', async (ctx) => {
  ctx.sandbox.set({ failRate: 0.25, htmlRate: 0.1, truncateRate: 0.1, seed: 42 });
  const days = eachDate(isoDate('2024-06-10'), isoDate('2024-06-14'));
  const lines = [];
  // A provider per day: each downloads its file (one provider reuses a file it fetched a minute ago).
  for (const date of days) {
    const { provider, logger } = testEcbProvider(ctx.sandbox.url, { retries: 8 });
    assert.equal((await provider.fetchDay(date)).rates, expectedRates(date));
    lines.push(...logger.lines);
  }
  const faults = ctx.sandbox.requests.log.filter((r) => r.outcome !== 'ok').length;
  assert.ok(faults > 0, 'the sandbox should have injected faults');
  assert.is(ctx.sandbox.requests.count, days.length + faults);
  const retries = lines.filter((l) => l.message === 'ecb: transient failure, retrying');
  assert.is(retries.length, faults);
  assert.ok(retries.every((l) => (l.fields as { provider?: string }).provider === 'ecb'));
});

t('an HTML page or truncated XML, every time, ends as a transient INVALID_XML after the retries', async (ctx) => {
  for (const fault of ['htmlRate', 'truncateRate'] as const) {
    ctx.sandbox.reset();
    ctx.sandbox.set({ [fault]: 1 });
    const { provider } = testEcbProvider(ctx.sandbox.url, { retries: 2 });
    const e = await providerError(provider.fetchDay(LATEST));
    assert.is(e.kind, 'transient', fault);
    assert.is(e.providerCode, 'INVALID_XML', fault);
    assert.is(ctx.sandbox.requests.count, 3, fault);
  }
});

t('5xx every time ends as a transient HTTP_5xx after the retries', async (ctx) => {
  ctx.sandbox.set({ failRate: 1, failStatuses: [503] });
  const { provider } = testEcbProvider(ctx.sandbox.url, { retries: 1 });
  const e = await providerError(provider.fetchDay(LATEST));
  assert.is(e.kind, 'transient');
  assert.is(e.providerCode, 'HTTP_503');
  assert.is(ctx.sandbox.requests.count, 2);
});

t('an invalid rate is a permanent INVALID_RESPONSE, not retried', async (ctx) => {
  ctx.sandbox.set({ invalidRateRate: 1 });
  const { provider } = testEcbProvider(ctx.sandbox.url);
  const e = await providerError(provider.fetchDay(LATEST));
  assert.is(e.kind, 'permanent');
  assert.is(e.providerCode, 'INVALID_RESPONSE');
  assert.match(e.message, 'USD');
  assert.is(ctx.sandbox.requests.count, 1);
});

t('a hang is cut by the per-attempt timeout, retried, then reported as TIMEOUT', async (ctx) => {
  ctx.sandbox.set({ hangRate: 1 });
  const { provider } = testEcbProvider(ctx.sandbox.url, { timeoutMs: 200, retries: 1 });
  const e = await providerError(provider.fetchDay(LATEST));
  assert.is(e.kind, 'transient');
  assert.is(e.providerCode, 'TIMEOUT');
  assert.match(e.message, '200 ms');
  assert.is(ctx.sandbox.requests.count, 2);
  ctx.sandbox.set({ hangRate: 0 });
  assert.is((await provider.fetchDay(LATEST)).date, LATEST);
});

t('100% failures open the breaker; later calls fail fast without requests; it recovers', async (ctx) => {
  ctx.sandbox.set({ failRate: 1 });
  const { provider, logger } = testEcbProvider(ctx.sandbox.url, {
    retries: 2,
    breakerThreshold: 3,
    breakerHalfOpenMs: 300,
  });
  assert.is((await providerError(provider.fetchDay(LATEST))).kind, 'transient');
  assert.is(ctx.sandbox.requests.count, 3);
  for (let i = 0; i < 3; i++) {
    const e = await providerError(provider.fetchRange(isoDate('2024-06-10'), LATEST));
    assert.is(e.providerCode, 'CIRCUIT_OPEN');
    assert.is(e.scope, 'provider');
  }
  assert.is(ctx.sandbox.requests.count, 3, 'an open circuit must not reach the ECB');
  assert.ok(
    logger.lines.some(
      (l) => l.level === 'error' && l.message === 'ecb: circuit opened, calls fail fast until it half-opens',
    ),
  );
  ctx.sandbox.set({ failRate: 0 });
  await new Promise((r) => setTimeout(r, 350));
  assert.is((await provider.fetchDay(LATEST)).date, LATEST);
  assert.ok(logger.lines.some((l) => l.message === 'ecb: circuit closed, calls flow again'));
});

t('a caller abort stops the call without retries', async (ctx) => {
  ctx.sandbox.set({ hangRate: 1 });
  const { provider } = testEcbProvider(ctx.sandbox.url, { timeoutMs: 5_000, retries: 3 });
  const controller = new AbortController();
  const pending = provider.fetchDay(LATEST, controller.signal);
  await waitFor(() => ctx.sandbox.requests.count === 1, 2_000, 'first attempt');
  controller.abort();
  assert.is((await providerError(pending)).providerCode, 'ABORTED');
  assert.is(ctx.sandbox.requests.count, 1);
});

t.run();
