import { MongoClient } from 'mongodb';
import * as assert from 'uvu/assert';
import { ingestStack } from '../support/ingest-stack.js';
import type { IngestOutcome } from '../../src/app/ingest-rates.js';
import { addDays, eachDate, isoDate, type IsoDate } from '../../src/domain/iso-date.js';
import { syntheticRates } from '../../src/sandbox/fixer/synthetic-rates.js';
import { startFixerSandbox, type FixerSandbox } from '../../src/sandbox/fixer/index.js';
import { SANDBOX_NOW, within } from '../support/fixer-sandbox.js';
import { startStoppableMongo, type StoppableMongo } from '../support/stoppable-mongo.js';
import { suite } from '../support/suite.js';
import { internalDetail } from './support/internals.js';
import { get, startSeededService, type SeededService } from './support/service.js';
import { summary, tally } from './support/summary.js';

const KEY = 'reliability-key';

interface Ctx {
  mongo?: StoppableMongo;
  client?: MongoClient;
  sandbox?: FixerSandbox;
  app?: SeededService;
}

const t = suite<Ctx>('reliability: the database stops', {});

t.before.each(async (ctx) => {
  ctx.mongo = await startStoppableMongo();
  // Short selection and heartbeat: the outage shows (and ends) within a second or two.
  ctx.client = await MongoClient.connect(ctx.mongo.uri, { serverSelectionTimeoutMS: 1000, heartbeatFrequencyMS: 500 });
});
t.after.each(async (ctx) => {
  await ctx.app?.dispose().catch(() => {});
  ctx.app = undefined;
  await ctx.sandbox?.close();
  ctx.sandbox = undefined;
  await ctx.client?.close();
  await ctx.mongo?.dispose();
});

t('during an ingest: the run reports the failure, no day is half-written, the next run completes', async (ctx) => {
  const from = isoDate('2024-04-01');
  const to = isoDate('2024-05-30');
  const days = eachDate(from, to);
  ctx.sandbox = await startFixerSandbox({ key: KEY, now: () => SANDBOX_NOW, latencyMs: 20 });
  const db = ctx.client!.db('fxrates_outage_ingest');
  const stack = await ingestStack({
    db,
    fixerUrl: ctx.sandbox.url,
    apiKey: KEY,
    fixer: { timeseries: 'off', retryInitialDelayMs: 5, retryMaxDelayMs: 50 },
    concurrency: 4,
    now: () => SANDBOX_NOW,
  });
  const request = { target: { kind: 'range', from, to }, refresh: false, confirmLarge: false } as const;

  // The server is killed (SIGKILL, mid-write as likely as not) once a quarter of the days are stored.
  let stopping: Promise<void> | undefined;
  const onProgress = (done: number) => {
    if (done >= 15 && !stopping) stopping = ctx.mongo!.stop();
  };
  const first: { report?: IngestOutcome['report']; error?: string } = await within(
    120_000,
    stack.ingest.execute(request, { trigger: 'cli', onProgress }).then(
      (r): { report?: IngestOutcome['report']; error?: string } =>
        r.ok ? { report: r.value.report } : { error: r.error.message },
      (e: Error) => ({ error: `${e.name}: ${e.message}` }),
    ),
    'the interrupted run',
  );
  await stopping;
  const requestsInFirstRun = ctx.sandbox.requests.count;
  assert.ok(stopping, 'the database was stopped during the run');
  const failedDays = first.report?.failed.length ?? null;
  assert.ok(first.error !== undefined || (failedDays ?? 0) > 0, 'the run reports the failure');

  await ctx.mongo!.start();
  const stored = await db.collection('daily_rates').find({}).toArray();
  const whole = stored.filter(
    (d) => d.revision === 1 && JSON.stringify(d.rates) === JSON.stringify(syntheticRates(d.date, 'EUR')),
  );
  assert.is(whole.length, stored.length, 'every stored day is complete and exact');
  assert.ok(stored.length < days.length, 'the outage cost some days');

  // Same process, same client: the driver reconnects by itself.
  const second = await within(120_000, stack.ingest.execute(request, { trigger: 'cli' }), 'the next run');
  assert.ok(second.ok, second.ok ? '' : second.error.message);
  const { report, plan } = second.value;
  summary('database killed during a 60-day ingest', {
    storedBeforeKill: stored.length,
    providerRequestsInFirstRun: requestsInFirstRun,
    firstRun: first.error ? `rejected (${first.error.slice(0, 80)})` : `reported ${failedDays} failed days`,
    firstRunReasons: tally(first.report?.failed.map((f) => f.kind) ?? []),
    nextRun: { skipped: plan.skip.length, inserted: report.inserted.length, failed: report.failed.length },
  });
  assert.equal(report.failed, []);
  // Days stored before the kill are final, so the next run skips them and fetches the rest.
  assert.equal([...plan.skip, ...report.inserted, ...report.unchanged, ...report.updated].sort(), days);
  const after = await stack.repo.findRange(from, to, 'EUR' as never);
  assert.equal(
    after.map((d) => d.date),
    days,
  );
  for (const day of after) assert.equal(day.rates, syntheticRates(day.date, 'EUR'), day.date);
});

/** Workers asking mixed routes until `done()` or `max` answers; statuses and bodies are kept. */
async function drive(
  app: SeededService,
  o: { workers: number; max: number; done: (answers: readonly Answer[]) => boolean },
): Promise<Answer[]> {
  const answers: Answer[] = [];
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(Math.random() * xs.length)]!;
  const paths = (d: IsoDate) => [
    `/rates/${d}`,
    `/rates/latest?symbols=USD`,
    `/currencies`,
    `/rates?from=${addDays(d, -6)}&to=${d}&symbols=USD,GBP`,
    `/convert?from=USD&to=JPY&amount=10&date=${d}`,
    `/trpc/rates.byDate?input=${encodeURIComponent(JSON.stringify({ date: d }))}`,
  ];
  await Promise.all(
    Array.from({ length: o.workers }, async () => {
      while (answers.length < o.max && !o.done(answers)) {
        const path = pick(paths(pick(app.dates.slice(7))));
        try {
          answers.push({ path, ...(await get(`${app.service.url}${path}`)) });
        } catch (e) {
          answers.push({ path, status: 0, text: (e as Error).message });
        }
      }
    }),
  );
  return answers;
}

interface Answer {
  readonly path: string;
  readonly status: number;
  readonly text: string;
}

t('under serving load: 503s while it is down, no crash, answers again without a restart', async (ctx) => {
  // No day cache, so every request needs the database.
  ctx.app = await startSeededService({
    uri: ctx.mongo!.uri,
    dbName: 'fxrates_outage_serve',
    days: 30,
    env: { CACHE_MAX_DAYS: '0' },
  });
  const { service } = ctx.app;
  const pid = service.pid;
  const workers = 8;

  const before = await drive(ctx.app, { workers, max: 100, done: () => false });
  assert.equal(tally(before.map((a) => a.status)), { 200: before.length }, 'all answered before the outage');

  await ctx.mongo!.stop();
  const count503 = (xs: readonly Answer[]) => xs.filter((a) => a.status === 503).length;
  const down = await drive(ctx.app, { workers, max: 60, done: (xs) => count503(xs) >= 2 * workers });
  const downStatuses = tally(down.map((a) => a.status));
  assert.ok(service.alive(), `the service is still running:\n${service.output()}`);

  await ctx.mongo!.start();
  // Until the driver finds the server again, requests already waiting may still fail.
  const recovering = await drive(ctx.app, { workers: 1, max: 200, done: (xs) => xs.at(-1)?.status === 200 });
  const after = await drive(ctx.app, { workers, max: 100, done: () => false });
  summary('database stopped under serving load (8 clients, mixed routes, no day cache)', {
    before: tally(before.map((a) => a.status)),
    down: downStatuses,
    recovering: tally(recovering.map((a) => a.status)),
    after: tally(after.map((a) => a.status)),
    samePid: service.pid === pid && service.alive(),
  });

  assert.ok(count503(down) > 0, 'the outage shows as 503');
  const failedLines = () =>
    service
      .output()
      .split('\n')
      .filter((l) => l.includes('request failed'))
      .join('\n');
  for (const a of down) {
    assert.ok(a.status === 200 || a.status === 503, `${a.path} answered ${a.status}: ${a.text}\n${failedLines()}`);
  }
  for (const a of [...down, ...recovering].filter((x) => x.status === 503)) {
    assert.is(internalDetail(a.text), null, `${a.path}: ${a.text}`);
    if (!a.path.startsWith('/trpc/')) assert.match(a.text, /"STORAGE.UNAVAILABLE"/, a.path);
  }
  assert.is(recovering.at(-1)?.status, 200, 'answers again once the database is back');
  for (const a of recovering) assert.ok(a.status === 200 || a.status === 503, `${a.path} answered ${a.status}`);
  assert.equal(tally(after.map((a) => a.status)), { 200: after.length }, 'all answered after the outage');
  assert.ok(service.alive() && service.pid === pid, 'the same process, never restarted');
});

t.run();
