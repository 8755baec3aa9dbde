import { XMLValidator } from 'fast-xml-parser';
import * as assert from 'uvu/assert';
import type { EcbSandbox } from '../../src/sandbox/ecb/index.js';
import { startTestEcbSandbox } from '../support/ecb-sandbox.js';
import { httpGet } from '../support/fixer-sandbox.js';
import { suite } from '../support/suite.js';
import * as faults from '../support/transport-fault-assertions.js';

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
  for (const a of await faults.answersAtFailRate1(ctx.sandbox, () => daily(ctx), [500, 502, 503, 504]))
    assert.match(a.text, '<html>');
});

t('faults are a deterministic function of the seed', (ctx) =>
  faults.assertSeedReplaysFaults(ctx.sandbox, () => daily(ctx)),
);

t('HTML pages and truncated XML come with HTTP 200', async (ctx) => {
  await faults.assertHtmlPageWith200(ctx.sandbox, () => daily(ctx));
  const cut = await faults.truncatedWith200(ctx.sandbox, () => daily(ctx));
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
  await faults.assertHangsUntilClosed(sandbox, `${sandbox.url}/eurofxref-daily.xml`);
});

t('added latency still answers correctly', async (ctx) => {
  ctx.sandbox.set({ latencyMs: 20, jitterMs: 10 });
  const a = await daily(ctx);
  assert.is(a.status, 200);
  assert.is(XMLValidator.validate(a.text), true);
});

t.run();
