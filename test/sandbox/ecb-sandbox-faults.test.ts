import { XMLValidator } from 'fast-xml-parser';
import * as assert from 'uvu/assert';
import type { EcbSandbox } from '../../src/sandbox/ecb/index.js';
import { startTestEcbSandbox } from '../support/ecb-sandbox.js';
import { httpGet, waitFor, within } from '../support/fixer-sandbox.js';
import { suite } from '../support/suite.js';

const t = suite<{ sandbox: EcbSandbox }>('ECB sandbox: faults', {} as { sandbox: EcbSandbox });

t.before(async (ctx) => {
  ctx.sandbox = await startTestEcbSandbox();
});
t.before.each((ctx) => ctx.sandbox.reset());
t.after(async (ctx) => {
  await ctx.sandbox.close();
});

const daily = (ctx: { sandbox: EcbSandbox }) => httpGet(`${ctx.sandbox.url}/eurofxref-daily.xml`);

t('failRate 1: every answer is one of 500/502/503/504 with an HTML page', async (ctx) => {
  ctx.sandbox.set({ failRate: 1 });
  const seen = new Set<number>();
  for (let i = 0; i < 20; i++) {
    const a = await daily(ctx);
    assert.ok([500, 502, 503, 504].includes(a.status), String(a.status));
    assert.match(a.text, '<html>');
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
    for (let i = 0; i < 12; i++) statuses.push((await daily(ctx)).status);
    return statuses;
  };
  const first = await pattern();
  assert.equal(await pattern(), first);
  assert.ok(first.includes(200) && first.some((s) => s >= 500), first.join());
});

t('HTML pages and truncated XML come with HTTP 200', async (ctx) => {
  ctx.sandbox.set({ htmlRate: 1 });
  const html = await daily(ctx);
  assert.is(html.status, 200);
  assert.match(html.headers.get('content-type') ?? '', 'text/html');
  assert.match(html.text, '<html');
  ctx.sandbox.set({ htmlRate: 0, truncateRate: 1 });
  const cut = await daily(ctx);
  assert.is(cut.status, 200);
  assert.ok(cut.text.startsWith('<?xml'));
  assert.is.not(XMLValidator.validate(cut.text), true);
});

t('invalidRateRate 1: well-formed XML whose first rate is 0', async (ctx) => {
  ctx.sandbox.set({ invalidRateRate: 1 });
  const a = await daily(ctx);
  assert.is(XMLValidator.validate(a.text), true);
  assert.match(a.text, "<Cube currency='USD' rate='0'/>");
  assert.is(ctx.sandbox.requests.log[0]?.outcome, 'invalid-rate');
});

t('unknown paths are 404', async (ctx) => {
  assert.is((await httpGet(`${ctx.sandbox.url}/eurofxref.zip`)).status, 404);
  assert.is((await httpGet(ctx.sandbox.url.replace('/stats/', '/nope/') + '/eurofxref-daily.xml')).status, 404);
  assert.equal(
    ctx.sandbox.requests.log.map((r) => [r.path, r.outcome]),
    [
      ['/stats/eurofxref/eurofxref.zip', 'not-found'],
      ['/nope/eurofxref/eurofxref-daily.xml', 'not-found'],
    ],
  );
});

t('a hung request never gets an answer, and close() still ends promptly', async () => {
  const sandbox = await startTestEcbSandbox({ hangRate: 1 });
  const outcome = await fetch(`${sandbox.url}/eurofxref-daily.xml`, { signal: AbortSignal.timeout(150) }).then(
    () => 'answered',
    (e: Error) => e.name,
  );
  assert.is(outcome, 'TimeoutError');
  const pending = fetch(`${sandbox.url}/eurofxref-daily.xml`).then(
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
  const a = await daily(ctx);
  assert.is(a.status, 200);
  assert.is(XMLValidator.validate(a.text), true);
});

t.run();
