import * as assert from 'uvu/assert';
import type { FixerSandbox } from '../../src/sandbox/fixer/index.js';
import { httpGet, SANDBOX_KEY, startTestSandbox, waitFor, within } from '../support/fixer-sandbox.js';
import { suite } from '../support/suite.js';

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
  ctx.sandbox.set({ failRate: 1 });
  const seen = new Set<number>();
  for (let i = 0; i < 20; i++) {
    const a = await day(ctx);
    assert.ok([500, 502, 503, 524].includes(a.status), String(a.status));
    assert.throws(() => a.json());
    seen.add(a.status);
  }
  assert.ok(seen.size > 1, 'statuses should vary');
  assert.is(ctx.sandbox.requests.log.filter((r) => r.outcome === 'fail').length, 20);
});

t('faults are a deterministic function of the seed', async (ctx) => {
  const pattern = async () => {
    ctx.sandbox.reset();
    ctx.sandbox.set({ failRate: 0.5, seed: 7 });
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await day(ctx)).status);
    return statuses;
  };
  const first = await pattern();
  assert.equal(await pattern(), first);
  assert.ok(first.includes(200) && first.some((s) => s >= 500), first.join());
});

t('HTML and truncated bodies come with HTTP 200', async (ctx) => {
  ctx.sandbox.set({ htmlRate: 1 });
  const html = await day(ctx);
  assert.is(html.status, 200);
  assert.match(html.headers.get('content-type') ?? '', 'text/html');
  assert.match(html.text, '<html');
  ctx.sandbox.set({ htmlRate: 0, truncateRate: 1 });
  const cut = await day(ctx);
  assert.is(cut.status, 200);
  assert.ok(cut.text.startsWith('{"success":true'));
  assert.throws(() => cut.json());
});

t('a hung request never gets an answer, and close() still ends promptly', async () => {
  const sandbox = await startTestSandbox({ hangRate: 1 });
  const outcome = await fetch(`${sandbox.url}/latest?access_key=${SANDBOX_KEY}`, {
    signal: AbortSignal.timeout(150),
  }).then(
    () => 'answered',
    (e: Error) => e.name,
  );
  assert.is(outcome, 'TimeoutError');
  // A second hung request still open while closing: close() must not wait for it.
  const pending = fetch(`${sandbox.url}/latest?access_key=${SANDBOX_KEY}`).then(
    () => 'answered',
    () => 'cut',
  );
  await waitFor(() => sandbox.requests.count === 2, 2_000, 'second request');
  await within(2_000, sandbox.close(), 'close()');
  assert.is(await within(2_000, pending), 'cut');
  assert.equal(
    sandbox.requests.log.map((r) => r.outcome),
    ['hang', 'hang'],
  );
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
