import * as assert from 'uvu/assert';
import type { FixerSandbox } from '../../src/sandbox/fixer/index.js';
import { httpGet, SANDBOX_KEY, startTestSandbox } from '../support/fixer-sandbox.js';
import { suite } from '../support/suite.js';
import * as faults from '../support/transport-fault-assertions.js';

const t = suite<{ sandbox: FixerSandbox }>('fixer sandbox: faults', {} as { sandbox: FixerSandbox });

t.before(async (ctx) => {
  ctx.sandbox = await startTestSandbox();
});
t.before.each((ctx) => ctx.sandbox.reset());
t.after(async (ctx) => {
  await ctx.sandbox.close();
});

const day = (ctx: { sandbox: FixerSandbox }, date = '2024-01-03', init: RequestInit = {}) =>
  httpGet(`${ctx.sandbox.url}/${date}?access_key=${SANDBOX_KEY}`, init);

t('failRate 1: every answer is one of 500/502/503/524 with a non-JSON page', async (ctx) => {
  for (const a of await faults.answersAtFailRate1(ctx.sandbox, () => day(ctx), [500, 502, 503, 524]))
    assert.throws(() => a.json());
});

t('faults are a deterministic function of the seed', (ctx) =>
  faults.assertSeedReplaysFaults(ctx.sandbox, () => day(ctx)),
);

t('HTML and truncated bodies come with HTTP 200', async (ctx) => {
  await faults.assertHtmlPageWith200(ctx.sandbox, () => day(ctx));
  const cut = await faults.truncatedWith200(ctx.sandbox, () => day(ctx));
  assert.ok(cut.text.startsWith('{"success":true'));
  assert.throws(() => cut.json());
});

t('a hung request never gets an answer, and close() still ends promptly', async () => {
  const sandbox = await startTestSandbox({ hangRate: 1 });
  await faults.assertHangsUntilClosed(sandbox, `${sandbox.url}/latest?access_key=${SANDBOX_KEY}`);
});

t('added latency still answers correctly', async (ctx) => {
  ctx.sandbox.set({ latencyMs: 20, jitterMs: 10 });
  assert.is((await day(ctx)).json().success, true);
});

t('dateErrors: the given code for those dates only; timeseries leaves 106 days out', async (ctx) => {
  ctx.sandbox.set({
    dateErrors: [
      { dates: ['2024-01-03'], code: 106 },
      { dates: ['2024-01-10'], code: 500 },
    ],
  });
  assert.is((await day(ctx, '2024-01-03')).json().error.code, 106);
  assert.is((await day(ctx, '2024-01-10')).json().error.code, 500);
  assert.is((await day(ctx, '2024-01-04')).json().success, true);
  const series = (
    await httpGet(`${ctx.sandbox.url}/timeseries?start_date=2024-01-02&end_date=2024-01-04&access_key=${SANDBOX_KEY}`)
  ).json();
  assert.equal(Object.keys(series.rates), ['2024-01-02', '2024-01-04']);
  const failed = await httpGet(
    `${ctx.sandbox.url}/timeseries?start_date=2024-01-09&end_date=2024-01-11&access_key=${SANDBOX_KEY}`,
  );
  assert.is(failed.json().error.code, 500);
});

t('content faults: a wrong date or a zero rate', async (ctx) => {
  ctx.sandbox.set({ wrongDateRate: 1 });
  assert.is((await day(ctx, '2024-01-03')).json().date, '2024-01-02');
  ctx.sandbox.set({ wrongDateRate: 0, zeroRateRate: 1 });
  const rates = (await day(ctx, '2024-01-03')).json().rates as Record<string, number>;
  assert.ok(Object.values(rates).includes(0));
});

t.run();
