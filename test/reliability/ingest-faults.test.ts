import * as assert from 'uvu/assert';
import { ingestStack } from '../support/ingest-stack.js';
import { eachDate, isoDate } from '../../src/domain/iso-date.js';
import { syntheticRates } from '../../src/sandbox/fixer/synthetic-rates.js';
import { startFixerSandbox, type FixerSandbox } from '../../src/sandbox/fixer/index.js';
import { capturingLogger, SANDBOX_NOW, within } from '../support/fixer-sandbox.js';
import { testDb, type TestDb } from '../support/mongo.js';
import { suite } from '../support/suite.js';
import { summary, tally } from './support/summary.js';

const KEY = 'reliability-key';
const FROM = isoDate('2024-04-01');
const TO = isoDate('2024-05-30');
const DAYS = eachDate(FROM, TO);
const range = { target: { kind: 'range', from: FROM, to: TO }, refresh: false, confirmLarge: false } as const;

interface Ctx {
  db?: TestDb;
  sandbox?: FixerSandbox;
}

const t = suite<Ctx>('reliability: ingestion under provider faults', {});

t.before.each(async (ctx) => {
  ctx.db = await testDb();
});
t.after.each(async (ctx) => {
  await ctx.sandbox?.close();
  ctx.sandbox = undefined;
  await ctx.db?.drop();
});

t('30% transient errors and 200 ms jitter: every one of 60 days lands, each failure retried', async (ctx) => {
  ctx.sandbox = await startFixerSandbox({ key: KEY, now: () => SANDBOX_NOW, failRate: 0.3, jitterMs: 200, seed: 6 });
  const logger = capturingLogger();
  const stack = await ingestStack({
    db: ctx.db!.db,
    fixerUrl: ctx.sandbox.url,
    apiKey: KEY,
    // Day by day, so there are 60 requests to fail. More retries than the default 3: at 30% a day
    // fails all 4 attempts 0.8% of the time, which over 60 days loses one 4 runs in 10. The breaker
    // threshold is raised for the same reason (5 consecutive failures happen at 30%); back-off is
    // shortened to keep the test quick. What is tested is that retries make every day land.
    fixer: { timeseries: 'off', retries: 8, breakerThreshold: 20, retryInitialDelayMs: 5, retryMaxDelayMs: 50 },
    concurrency: 4,
    now: () => SANDBOX_NOW,
    logger,
  });
  const r = await within(60_000, stack.ingest.execute(range, { trigger: 'cli' }), 'the ingestion run');
  assert.ok(r.ok, r.ok ? '' : r.error.message);
  const report = r.value.report;

  const log = ctx.sandbox.requests.log;
  const outcomes = tally(log.map((x) => x.outcome));
  const retries = logger.lines.filter((l) => l.message === 'fixer: transient failure, retrying').length;
  summary('transient faults (60 days, 30% failing, 200 ms jitter)', {
    stored: report.inserted.length,
    failed: report.failed.length,
    requests: log.length,
    outcomes,
    retries,
  });
  assert.equal(report.failed, []);
  assert.equal([...report.inserted].sort(), DAYS);
  assert.ok((outcomes.fail ?? 0) > 0, 'the sandbox did fail requests');
  // Every failed answer was retried, and nothing else was.
  assert.is(retries, outcomes.fail ?? 0);

  const stored = await stack.repo.findRange(FROM, TO, 'EUR' as never);
  assert.is(stored.length, DAYS.length);
  for (const day of stored) assert.equal(day.rates, syntheticRates(day.date, 'EUR'), `values of ${day.date}`);
});

t('the provider down for the whole run: the breaker opens, the run stops early, nothing is stored', async (ctx) => {
  ctx.sandbox = await startFixerSandbox({ key: KEY, now: () => SANDBOX_NOW, failRate: 1, failStatuses: [502, 503] });
  const logger = capturingLogger();
  // Production resilience settings throughout (3 retries with back-off from 500 ms, breaker at 5).
  const stack = await ingestStack({
    db: ctx.db!.db,
    fixerUrl: ctx.sandbox.url,
    apiKey: KEY,
    concurrency: 4,
    now: () => SANDBOX_NOW,
    logger,
  });
  const started = Date.now();
  // The guard only keeps a hang from stalling the suite; the bound asserted is on requests made.
  const r = await within(120_000, stack.ingest.execute(range, { trigger: 'cli' }), 'the ingestion run');
  const seconds = (Date.now() - started) / 1000;
  assert.ok(r.ok, r.ok ? '' : r.error.message);
  const report = r.value.report;
  const requests = ctx.sandbox.requests.count;
  const reasons = tally(report.failed.map((f) => f.kind));
  summary('provider down (60 days, every request 502/503)', {
    requests,
    failed: report.failed.length,
    reasons,
    stoppedEarly: Boolean(report.stoppedEarly),
    seconds: seconds.toFixed(1),
  });
  assert.ok(report.stoppedEarly, 'the run says it stopped early');
  assert.ok(
    logger.lines.some((l) => l.message === 'fixer: circuit opened, calls fail fast until it half-opens'),
    logger.text(),
  );
  assert.is(report.inserted.length + report.updated.length + report.unchanged.length, 0);
  assert.is(report.failed.length, DAYS.length, 'every day is reported, as failed or not attempted');
  assert.ok((reasons['not-attempted'] ?? 0) > 0, 'days after the breaker opened were not attempted');
  // Without the breaker, 60 days at 4 attempts each would be 240 requests.
  assert.ok(requests <= 30, `the provider saw ${requests} requests`);
  assert.is(await ctx.db!.db.collection('daily_rates').countDocuments(), 0, 'nothing stored');
});

t('the provider unreachable (connection refused): same outcome', async (ctx) => {
  const gone = await startFixerSandbox({ key: KEY, now: () => SANDBOX_NOW });
  const url = gone.url;
  await gone.close();
  const logger = capturingLogger();
  const stack = await ingestStack({
    db: ctx.db!.db,
    fixerUrl: url,
    apiKey: KEY,
    concurrency: 4,
    now: () => SANDBOX_NOW,
    logger,
  });
  const r = await within(120_000, stack.ingest.execute(range, { trigger: 'cli' }), 'the ingestion run');
  assert.ok(r.ok, r.ok ? '' : r.error.message);
  const report = r.value.report;
  const retries = logger.lines.filter((l) => l.message === 'fixer: transient failure, retrying').length;
  summary('provider unreachable (60 days, connection refused)', {
    failed: report.failed.length,
    reasons: tally(report.failed.map((f) => f.kind)),
    retries,
    stoppedEarly: Boolean(report.stoppedEarly),
  });
  assert.ok(report.stoppedEarly);
  assert.is(report.failed.length, DAYS.length);
  assert.ok(retries <= 30, `${retries} retries`);
  assert.is(await ctx.db!.db.collection('daily_rates').countDocuments(), 0, 'nothing stored');
});

t.run();
