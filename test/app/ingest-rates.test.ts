import * as assert from 'uvu/assert';
import { currency } from '../../src/domain/currency.js';
import { isoDate } from '../../src/domain/iso-date.js';
import { syntheticRates } from '../../src/sandbox/fixer/synthetic-rates.js';
import { ingestRig, request, type IngestRig } from '../support/ingest-rig.js';
import { SANDBOX_KEY } from '../support/fixer-sandbox.js';
import { RATES_COLLECTION } from '../../src/adapters/mongo/rate-document.js';
import { suite } from '../support/suite.js';

const t = suite<{ rig?: IngestRig }>('IngestRates against the Fixer sandbox and MongoDB', {});
t.after.each(async (ctx) => {
  await ctx.rig?.dispose();
  ctx.rig = undefined;
});
const EUR = currency('EUR');
const recent = (days: number) => request({ kind: 'recent', days });
const expectOk = <T>(r: { ok: true; value: T } | { ok: false; error: Error }): T => {
  if (!r.ok) throw new Error(`expected ok, got ${r.error.message}`);
  return r.value;
};

t('a clean 10-day ingest stores exactly what the provider sent, and records the run', async (ctx) => {
  const rig = (ctx.rig = await ingestRig({ sandbox: { plan: 'free' } }));
  const out = expectOk(await rig.ingest.execute(recent(10), { trigger: 'cli' }));
  assert.is(out.report.inserted.length, 10);
  assert.equal(out.report.failed, []);
  assert.is(out.report.inserted[0], '2024-06-05');
  assert.is(out.report.inserted.at(-1), '2024-06-14');
  const day = await rig.repo.findByDate(isoDate('2024-06-10'), EUR);
  assert.equal(day?.rates, syntheticRates(isoDate('2024-06-10'), 'EUR'));
  const [run] = await rig.runs.recent(5);
  assert.is(run?.trigger, 'cli');
  assert.is(run?.request, 'last 10 days');
  assert.is(run?.report?.inserted.length, 10);
  assert.ok(run?.finishedAt);
});

t('a re-run makes no provider call for final days', async (ctx) => {
  const rig = (ctx.rig = await ingestRig());
  expectOk(await rig.ingest.execute(recent(10), { trigger: 'cli' }));
  const before = rig.sandbox.requests.count;
  const again = expectOk(await rig.ingest.execute(recent(10), { trigger: 'schedule' }));
  assert.is(rig.sandbox.requests.count, before);
  assert.is(again.report.skipped.length, 10);
  assert.equal(again.report.planned, []);
});

t('a provisional day is fetched again; changed values bump the revision and keep the old ones', async (ctx) => {
  const rig = (ctx.rig = await ingestRig());
  const today = isoDate('2024-06-15');
  expectOk(await rig.ingest.execute(request({ kind: 'dates', dates: [today] }), { trigger: 'cli' }));
  const provisional = await rig.repo.findByDate(today, EUR);
  assert.is(provisional?.revision, 1);

  rig.setNow(new Date('2024-06-16T00:05:00Z'));
  const plan = expectOk(await rig.ingest.plan(request({ kind: 'dates', dates: [today] })));
  assert.equal(plan.fetch, [today], 'provisional day is planned again');
  const out = expectOk(await rig.ingest.execute(request({ kind: 'dates', dates: [today] }), { trigger: 'schedule' }));
  assert.equal(out.report.updated, [today]);
  const final = await rig.repo.findByDate(today, EUR);
  assert.is(final?.revision, 2);
  assert.equal(final?.rates, syntheticRates(today, 'EUR'));
  assert.is.not(final?.rates.USD, provisional?.rates.USD);
  const doc = await rig.db.db.collection(RATES_COLLECTION).findOne({ date: today });
  assert.is(doc?.previous?.[0]?.rates.USD, provisional?.rates.USD);

  const settled = expectOk(await rig.ingest.plan(request({ kind: 'dates', dates: [today] })));
  assert.equal(settled.fetch, [], 'final now: not fetched again');
});

t('30% transient faults: every day still lands, through retries', async (ctx) => {
  const rig = (ctx.rig = await ingestRig({
    sandbox: { plan: 'free', failRate: 0.3, jitterMs: 20, seed: 7 },
    fixer: { retries: 6 },
  }));
  const out = expectOk(await rig.ingest.execute(recent(20), { trigger: 'cli' }));
  assert.equal(out.report.failed, []);
  assert.is(out.report.inserted.length, 20);
  const faults = rig.sandbox.requests.log.filter((r) => (r.status ?? 0) >= 500).length;
  assert.ok(faults > 0, 'faults were injected');
  assert.ok(
    rig.fixer.logger.lines.some((l) => l.message.includes('retrying')),
    'retries were logged',
  );
});

t('a hanging provider is cut by the timeout and the day is reported, not stored', async (ctx) => {
  const rig = (ctx.rig = await ingestRig({ sandbox: { hangRate: 1 }, fixer: { timeoutMs: 150, retries: 0 } }));
  const out = expectOk(
    await rig.ingest.execute(request({ kind: 'dates', dates: [isoDate('2024-06-01')] }), { trigger: 'cli' }),
  );
  assert.is(out.report.failed[0]?.kind, 'transient');
  assert.match(out.report.failed[0]!.reason, /no answer within 150 ms/);
  assert.is(await rig.repo.findByDate(isoDate('2024-06-01'), EUR), null);
});

t('a provider that always fails opens the breaker: the run stops early with a clear report', async (ctx) => {
  const rig = (ctx.rig = await ingestRig({
    sandbox: { plan: 'free', failRate: 1 },
    fixer: { retries: 1, breakerThreshold: 3 },
    concurrency: 1,
  }));
  const out = expectOk(await rig.ingest.execute(recent(10), { trigger: 'cli' }));
  assert.is(out.report.inserted.length, 0);
  assert.is(out.report.failed.length, 10);
  assert.match(out.report.stoppedEarly ?? '', /circuit/i);
  assert.ok(out.report.failed.some((f) => f.kind === 'not-attempted'));
  // 2 timeseries attempts + 1 daily attempt make 3 consecutive failures: the circuit opens, nothing more is sent.
  assert.is(rig.sandbox.requests.count, 3);
  assert.is(await rig.repo.findLatest(EUR), null);
});

t('a permanent error on one day (106) fails that day only, with one request', async (ctx) => {
  const rig = (ctx.rig = await ingestRig({
    sandbox: { plan: 'free', dateErrors: [{ dates: ['2024-06-10'], code: 106 }] },
  }));
  const out = expectOk(await rig.ingest.execute(recent(10), { trigger: 'cli' }));
  assert.is(out.report.inserted.length, 9);
  assert.equal(
    out.report.failed.map((f) => [f.date, f.kind]),
    [['2024-06-10', 'permanent']],
  );
  assert.is(rig.sandbox.requests.log.filter((r) => r.path.includes('2024-06-10')).length, 1);
});

t('a spent monthly quota stops the run; the rest is reported as not attempted', async (ctx) => {
  const rig = (ctx.rig = await ingestRig({ sandbox: { plan: 'free', monthlyQuota: 4 }, concurrency: 1 }));
  const out = expectOk(await rig.ingest.execute(recent(10), { trigger: 'cli' }));
  assert.match(out.report.stoppedEarly ?? '', /quota|limit|volume/i);
  assert.is(out.report.inserted.length, 3, 'one request went to the timeseries probe');
  assert.is(out.report.failed.filter((f) => f.kind === 'quota').length, 1);
  assert.is(out.report.failed.filter((f) => f.kind === 'not-attempted').length, 6);
  assert.is(rig.sandbox.requests.count, 5);
});

t('timeseries is used when the plan allows it, day by day after a 105', async (ctx) => {
  const paid = (ctx.rig = await ingestRig({ sandbox: { plan: 'paid' } }));
  const out = expectOk(await paid.ingest.execute(recent(30), { trigger: 'cli' }));
  assert.is(out.report.inserted.length, 30);
  // One timeseries request for the 30 days, then one for the currency names (asked once per database).
  assert.equal(
    paid.sandbox.requests.log.map((r) => r.path.split('?')[0]),
    ['/api/timeseries', '/api/symbols'],
  );
  await paid.dispose();

  const free = (ctx.rig = await ingestRig({ sandbox: { plan: 'free' } }));
  const out2 = expectOk(await free.ingest.execute(recent(30), { trigger: 'cli' }));
  assert.is(out2.report.inserted.length, 30);
  assert.is(free.sandbox.requests.count, 32, 'a refused timeseries, 30 days, the names');
  const again = expectOk(await free.ingest.execute(request({ kind: 'recent', days: 3 }, true), { trigger: 'cli' }));
  assert.is(again.report.unchanged.length, 3);
  assert.is(free.sandbox.requests.log.filter((r) => r.path.includes('timeseries')).length, 1, '105 is remembered');
});

t('the key never reaches a report, a run record or a log line', async (ctx) => {
  const rig = (ctx.rig = await ingestRig({
    sandbox: { plan: 'free', failRate: 0.3, htmlRate: 0.2, key: 'another-key' },
  }));
  const out = expectOk(await rig.ingest.execute(recent(3), { trigger: 'cli' }));
  assert.is(out.report.failed.length, 3, 'wrong key: every day fails');
  assert.match(out.report.stoppedEarly ?? '', /101/, 'a rejected key stops the run');
  const everything = JSON.stringify(out) + JSON.stringify(await rig.runs.recent(5)) + rig.fixer.logger.text();
  assert.not.ok(everything.includes(SANDBOX_KEY));
  assert.match(everything, /101|key/i);
});

t(
  'a currency catalog that refuses the write: the days are stored and reported as stored, the run goes on',
  async (ctx) => {
    const rig = (ctx.rig = await ingestRig({ sandbox: { plan: 'free' } }));
    // A spans document of the wrong shape: the database itself refuses every widening of it.
    await rig.db.db
      .collection<{ _id: string; first: string; last: string }>('currency_spans')
      .insertOne({ _id: 'fixer', first: 'broken', last: 'broken' });
    const out = expectOk(await rig.ingest.execute(recent(3), { trigger: 'cli' }));
    assert.is(out.report.inserted.length, 3);
    assert.equal(out.report.failed, []);
    assert.is(out.report.stoppedEarly, null);
    assert.ok(await rig.repo.findByDate(isoDate('2024-06-14'), EUR));
    assert.match(rig.fixer.logger.text(), /currency catalog could not be updated/);
    assert.not.match(rig.fixer.logger.text(), /storing rates failed/);
  },
);

t.run();
