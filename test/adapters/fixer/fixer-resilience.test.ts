import * as assert from 'uvu/assert';
import { eachDate, isoDate } from '../../../src/domain/iso-date.js';
import type { FixerSandbox } from '../../../src/sandbox/fixer/index.js';
import { providerError, startTestSandbox, testProvider, waitFor } from '../../support/fixer-sandbox.js';
import { suite } from '../../support/suite.js';

const t = suite<{ sandbox: FixerSandbox }>(
  'FixerRateProvider: retries, timeout, breaker',
  {} as { sandbox: FixerSandbox },
);

t.before(async (ctx) => {
  ctx.sandbox = await startTestSandbox();
});
t.before.each((ctx) => ctx.sandbox.reset());
t.after(async (ctx) => {
  await ctx.sandbox.close();
});

const DAYS = eachDate(isoDate('2024-01-01'), isoDate('2024-01-10'));

t('30% transient faults: every day still arrives thanks to retries', async (ctx) => {
  ctx.sandbox.set({ failRate: 0.2, htmlRate: 0.05, truncateRate: 0.05, seed: 42 });
  const { provider, logger } = testProvider(ctx.sandbox.url, { retries: 6 });
  const days = [];
  for (const date of DAYS) days.push(await provider.fetchDay(date));
  assert.equal(
    days.map((d) => d.date),
    DAYS,
  );
  const faults = ctx.sandbox.requests.log.filter((r) => r.outcome !== 'ok').length;
  assert.ok(faults > 0, 'the sandbox should have injected faults');
  assert.is(ctx.sandbox.requests.count, DAYS.length + faults);
  const retries = logger.lines.filter((l) => l.message.includes('retrying'));
  assert.is(retries.length, faults);
  assert.ok(retries.every((l) => 'attempt' in l.fields && 'delayMs' in l.fields && 'reason' in l.fields));
});

t('a hang is cut by the per-attempt timeout, retried, then reported as TIMEOUT', async (ctx) => {
  ctx.sandbox.set({ hangRate: 1 });
  const { provider } = testProvider(ctx.sandbox.url, { timeoutMs: 200, retries: 1 });
  const e = await providerError(provider.fetchDay(isoDate('2024-01-03')));
  assert.is(e.kind, 'transient');
  assert.is(e.providerCode, 'TIMEOUT');
  assert.match(e.message, '200 ms');
  assert.is(ctx.sandbox.requests.count, 2);
  ctx.sandbox.set({ hangRate: 0 });
  assert.is((await provider.fetchDay(isoDate('2024-01-03'))).date, '2024-01-03');
});

t('one hang among answers: the retry gets the day', async (ctx) => {
  ctx.sandbox.set({ hangRate: 1 });
  const { provider } = testProvider(ctx.sandbox.url, { timeoutMs: 200, retries: 2 });
  const pending = provider.fetchDay(isoDate('2024-01-03'));
  await waitFor(() => ctx.sandbox.requests.count === 1, 2_000, 'first attempt');
  ctx.sandbox.set({ hangRate: 0 });
  assert.is((await pending).date, '2024-01-03');
  assert.equal(
    ctx.sandbox.requests.log.map((r) => r.outcome),
    ['hang', 'ok'],
  );
});

t(
  '100% failures open the breaker; later calls fail fast without requests; it recovers after half-open',
  async (ctx) => {
    ctx.sandbox.set({ failRate: 1 });
    const { provider, logger } = testProvider(ctx.sandbox.url, {
      retries: 2,
      breakerThreshold: 3,
      breakerHalfOpenMs: 300,
    });
    const first = await providerError(provider.fetchDay(isoDate('2024-01-03')));
    assert.is(first.kind, 'transient');
    assert.is(ctx.sandbox.requests.count, 3);

    for (const date of DAYS) {
      const e = await providerError(provider.fetchDay(date));
      assert.is(e.kind, 'transient');
      assert.is(e.providerCode, 'CIRCUIT_OPEN');
      assert.match(e.message, 'circuit open');
    }
    assert.is(ctx.sandbox.requests.count, 3, 'an open circuit must not reach Fixer');
    assert.ok(logger.lines.some((l) => l.level === 'error' && l.message.includes('circuit opened')));

    ctx.sandbox.set({ failRate: 0 });
    await new Promise((r) => setTimeout(r, 350));
    assert.is((await provider.fetchDay(isoDate('2024-01-03'))).date, '2024-01-03');
    assert.is(ctx.sandbox.requests.count, 4);
    assert.ok(logger.lines.some((l) => l.message.includes('half-open')));
    assert.ok(logger.lines.some((l) => l.message.includes('circuit closed')));
  },
);

t('permanent and quota errors do not count towards opening the breaker', async (ctx) => {
  ctx.sandbox.set({ dateErrors: [{ dates: ['2024-01-03'], code: 106 }] });
  const { provider } = testProvider(ctx.sandbox.url, { breakerThreshold: 2 });
  for (let i = 0; i < 4; i++)
    assert.is((await providerError(provider.fetchDay(isoDate('2024-01-03')))).providerCode, 106);
  assert.is((await provider.fetchDay(isoDate('2024-01-04'))).date, '2024-01-04');
  assert.is(ctx.sandbox.requests.count, 5);
});

t('a caller abort stops the call without retries', async (ctx) => {
  ctx.sandbox.set({ hangRate: 1 });
  const { provider } = testProvider(ctx.sandbox.url, { timeoutMs: 5_000, retries: 3 });
  const controller = new AbortController();
  const pending = provider.fetchDay(isoDate('2024-01-03'), controller.signal);
  await waitFor(() => ctx.sandbox.requests.count === 1, 2_000, 'first attempt');
  controller.abort();
  const e = await providerError(pending);
  assert.is(e.providerCode, 'ABORTED');
  assert.is(ctx.sandbox.requests.count, 1);
});

t.run();
