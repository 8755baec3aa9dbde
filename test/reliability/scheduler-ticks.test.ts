import { MongoClient } from 'mongodb';
import type { ScheduledTask, TaskContext } from 'node-cron';
import * as assert from 'uvu/assert';
import { scheduleJob } from '../../src/adapters/cron/scheduler.js';
import { MongoRunCoordinator } from '../../src/adapters/mongo/mongo-run-coordinator.js';
import { capturingLogger, waitFor } from '../support/fixer-sandbox.js';
import { testDb, type TestDb } from '../support/mongo.js';
import { suite } from '../support/suite.js';
import { summary, tally } from './support/summary.js';

const INSTANCES = 4;
const TICKS = 10;

interface Ctx {
  t?: TestDb;
  clients: MongoClient[];
  tasks: ScheduledTask[];
}

const s = suite<Ctx>('reliability: schedulers sharing one database', { clients: [], tasks: [] });

s.before(async (ctx) => {
  ctx.t = await testDb();
});
s.after(async (ctx) => {
  for (const task of ctx.tasks.splice(0)) {
    await task.stop();
    await task.destroy();
  }
  for (const c of ctx.clients.splice(0)) await c.close();
  await ctx.t?.drop();
});

s(`${INSTANCES} instances, every second, for ${TICKS} ticks: each tick runs exactly once`, async (ctx) => {
  const logger = capturingLogger();
  const db = ctx.t!.db;
  const seen = new Map<string, { started: number; skipped: string[] }>();
  const tickOf = (c: TaskContext) => c.date.toISOString();
  const entry = (tick: string) => seen.get(tick) ?? seen.set(tick, { started: 0, skipped: [] }).get(tick)!;
  let pending = 0;
  let missed = 0;
  /** Every run leaves a document keyed by its tick: a second run of a tick fails to insert and is counted. */
  let doubleRuns = 0;

  for (let i = 0; i < INSTANCES; i++) {
    // Each instance its own client and coordinator, as separate processes would have.
    const client = await MongoClient.connect(ctx.t!.uri, { serverSelectionTimeoutMS: 5000 });
    ctx.clients.push(client);
    const coordinator = new MongoRunCoordinator(client.db(ctx.t!.name));
    await coordinator.init();
    const task = scheduleJob({
      expression: '* * * * * *',
      coordinator,
      logger,
      leaseMs: 60_000,
      run: async () => {
        pending++;
        try {
          // Long enough that the others decide while this one is still running.
          await new Promise((r) => setTimeout(r, 200));
        } finally {
          pending--;
        }
      },
    });
    task.on('execution:started', (c: TaskContext) => {
      entry(tickOf(c)).started++;
      pending++;
      void db
        .collection<{ _id: string; instance: number }>('tick_runs')
        .insertOne({ _id: tickOf(c), instance: i })
        .catch(() => void doubleRuns++)
        .finally(() => void pending--);
    });
    task.on('execution:skipped', (c: TaskContext) => void entry(tickOf(c)).skipped.push(c.reason ?? 'unknown'));
    task.on('execution:missed', () => void missed++);
    ctx.tasks.push(task);
  }

  const ran = () => [...seen.values()].filter((e) => e.started > 0).length;
  await waitFor(() => ran() >= TICKS, (TICKS + 10) * 1000, `${TICKS} ticks run`);
  for (const task of ctx.tasks.splice(0)) {
    await task.stop();
    await task.destroy();
  }
  // A tick being decided when the tasks stopped still runs; let it finish.
  await waitFor(() => pending === 0, 5_000, 'in-flight ticks settled');
  await new Promise((r) => setTimeout(r, 300));

  const ticks = [...seen.entries()].sort(([a], [b]) => (a < b ? -1 : 1));
  const runsPerTick = tally(ticks.map(([, e]) => e.started));
  const stored = await db.collection('tick_runs').countDocuments();
  summary(`${INSTANCES} schedulers x ${ticks.length} ticks`, {
    ticksRun: ran(),
    runsPerTick,
    skips: tally(ticks.flatMap(([, e]) => e.skipped)),
    stored,
    doubleRuns,
    missed,
  });
  for (const [tick, e] of ticks) {
    assert.is(e.started, 1, `${tick}: ran ${e.started} times (skipped by ${e.skipped.length})`);
    for (const reason of e.skipped) assert.is(reason, 'not-elected', `${tick}: skipped because ${reason}`);
  }
  assert.ok(ticks.length >= TICKS);
  assert.is(doubleRuns, 0);
  assert.is(stored, ticks.length);
  assert.is(logger.lines.filter((l) => l.level === 'error').length, 0, logger.text());
});

s.run();
