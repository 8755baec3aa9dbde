import * as assert from 'uvu/assert';
import { InMemoryRequestBudget } from '../../src/adapters/memory/in-memory-request-budget.js';
import { RATES_COLLECTION } from '../../src/adapters/mongo/rate-document.js';
import { IngestRates } from '../../src/app/ingest-rates.js';
import { causeLine } from '../../src/domain/ingestion-run.js';
import type { RequestBudget } from '../../src/domain/request-budget.js';
import { testContainer } from '../support/container.js';
import { testProvider } from '../support/fixer-sandbox.js';
import { freePort } from '../support/free-port.js';
import { ingestRig, request, type IngestRig } from '../support/ingest-rig.js';
import { suite } from '../support/suite.js';

/** How a run treats a provider that fails as a whole, and a failure that is not the provider's. */
const t = suite<{ rig?: IngestRig }>('IngestRates: provider-wide failures and run boundaries', {});
t.after.each(async (ctx) => {
  await ctx.rig?.dispose();
  ctx.rig = undefined;
});
const recent = (days: number) => request({ kind: 'recent', days });

for (const timeseries of ['auto', 'off'] as const) {
  t(`a rejected key costs exactly one request (FIXER_TIMESERIES=${timeseries}, 4 days in flight)`, async (ctx) => {
    const rig = (ctx.rig = await ingestRig({
      sandbox: { plan: 'paid', key: 'the-real-key' },
      fixer: { timeseries },
      concurrency: 4,
    }));
    const r = await rig.ingest.execute(recent(10), { trigger: 'cli' });
    assert.ok(r.ok);
    const { report } = r.value;
    assert.is(rig.sandbox.requests.count, 1);
    assert.is(report.failed.length, 10);
    assert.equal(report.causes.length, 1, 'one line for the cause, not one per day');
    assert.match(causeLine(report.causes[0]!), /^fixer: Fixer rejected the API key \(Fixer error 101/);
    assert.match(causeLine(report.causes[0]!), '; out of this run; 10 days not fetched');
    const [run] = await rig.runs.recent(1);
    assert.equal(run?.report?.causes, report.causes, 'the run record says it too');
  });

  t(
    `a rejected key with the ECB behind it: one Fixer request, the ECB delivers (FIXER_TIMESERIES=${timeseries})`,
    async (ctx) => {
      const rig = (ctx.rig = await ingestRig({
        sandbox: { plan: 'paid', key: 'the-real-key' },
        fixer: { timeseries },
        providers: ['fixer', 'ecb'],
        concurrency: 4,
      }));
      // 2024-06-10..14 is Monday to Friday: the ECB publishes each day.
      const r = await rig.ingest.execute(request({ kind: 'range', from: '2024-06-10', to: '2024-06-14' } as never), {
        trigger: 'cli',
      });
      assert.ok(r.ok);
      const { report } = r.value;
      assert.is(rig.sandbox.requests.count, 1, 'neither the days nor the currency names ask Fixer again');
      assert.equal(report.failed, []);
      assert.equal(report.deliveredBy, { ecb: 5 });
      assert.equal(
        report.causes.map((c) => [c.provider, c.providerWide, c.deliveredInstead, c.notFetched]),
        [['fixer', true, { ecb: 5 }, 0]],
      );
    },
  );
}

t('an unreachable provider: one line for its cause, attributed through the open circuit', async (ctx) => {
  const closed = await freePort();
  const rig = (ctx.rig = await ingestRig());
  // The rig's storage and clock, with Fixer at a port nothing listens on.
  const { provider } = testProvider(`http://127.0.0.1:${closed}/api`, {
    timeseries: 'off',
    retries: 0,
    breakerThreshold: 2,
  });
  const c = testContainer({ repo: rig.repo, provider, now: rig.clock, env: { INGEST_CONCURRENCY: '1' } });
  const r = await c.resolve(IngestRates).execute(recent(6), { trigger: 'cli' });
  assert.ok(r.ok);
  const lines = r.value.report.causes.map(causeLine);
  assert.is(lines.length, 1, lines.join('\n'));
  assert.match(lines[0]!, /^fixer: could not be sent: .*ECONNREFUSED.*; out of this run; 6 days not fetched$/);
  assert.not.match(lines[0]!, /ECONNREFUSED.*ECONNREFUSED/, 'the code is said once');
});

/** A budget whose store fails on one take, as a database gone mid-run would: not a provider failure. */
function failingOnTake(n: number, inner: RequestBudget): RequestBudget & { takes: number } {
  const b = {
    takes: 0,
    tryTake: async (provider: string, now: Date, endpoint?: string) => {
      b.takes++;
      if (b.takes === n) throw new Error('budget store unreachable');
      return inner.tryTake(provider, now, endpoint);
    },
    reportRemaining: inner.reportRemaining.bind(inner),
    status: inner.status.bind(inner),
  };
  return b;
}

t(
  'a failure that is not the provider’s ends queued days and waits for those in flight before the run ends',
  async (ctx) => {
    const budget = failingOnTake(3, new InMemoryRequestBudget({}));
    const rig = (ctx.rig = await ingestRig({
      sandbox: { plan: 'free', latencyMs: 150 },
      fixer: { timeseries: 'off', retries: 0 },
      budget,
      concurrency: 2,
    }));
    const rates = rig.db.db.collection(RATES_COLLECTION);
    const error = await rig.ingest.execute(recent(8), { trigger: 'cli' }).then(
      () => null,
      (e: Error) => e,
    );
    assert.is(error?.message, 'budget store unreachable');
    // The run has ended: whatever it sent is answered and stored, and nothing queued was started.
    const [takes, requests, stored] = [budget.takes, rig.sandbox.requests.count, await rates.countDocuments()];
    assert.is(takes, 3, 'no queued day asked for a request after the failure');
    assert.is(requests, 2);
    assert.is(stored, 2, 'the day in flight landed before the run ended');
    const [run] = await rig.runs.recent(1);
    assert.is(run?.error, 'budget store unreachable');
    assert.ok(run?.finishedAt);
    // One more full round of latency: a day still running would show up now.
    await new Promise((r) => setTimeout(r, 400));
    assert.equal([budget.takes, rig.sandbox.requests.count, await rates.countDocuments()], [takes, requests, stored]);
  },
);

t.run();
