import { MongoClient } from 'mongodb';
import type { RunCoordinator, ScheduledTask, TaskContext } from 'node-cron';
import * as assert from 'uvu/assert';
import { scheduleJob } from '../../../src/adapters/cron/scheduler.js';
import { MongoRunCoordinator } from '../../../src/adapters/mongo/mongo-run-coordinator.js';
import { capturingLogger, waitFor, within } from '../../support/fixer-sandbox.js';
import { testDb, type TestDb } from '../../support/mongo.js';
import { suite } from '../../support/suite.js';

interface Ctx {
  t?: TestDb;
  other?: MongoClient;
  tasks: ScheduledTask[];
}

const s = suite<Ctx>('scheduleJob', { tasks: [] });

async function destroyAll(ctx: Ctx): Promise<void> {
  const tasks = ctx.tasks.splice(0);
  for (const task of tasks) {
    await task.stop();
    await task.destroy();
  }
}

s.before.each(async (ctx) => {
  ctx.t = await testDb();
  ctx.other = await MongoClient.connect(ctx.t.uri, { serverSelectionTimeoutMS: 5000 });
});
s.after.each(async (ctx) => {
  await destroyAll(ctx);
  await ctx.other?.close();
  await ctx.t?.drop();
});
// Whatever happened above, no timer may keep the process alive.
s.after(async (ctx) => destroyAll(ctx));

interface Recorder {
  runs: number;
  /** Ticks this scheduler started (node-cron's tick time, whole seconds). */
  readonly started: string[];
  readonly finished: string[];
  readonly skipped: { tick: string; reason: string | undefined }[];
  /** Keys the coordinator let this scheduler run. */
  readonly elected: string[];
  /** Coordinator calls not yet answered. */
  pending: number;
}

const recorder = (): Recorder => ({ runs: 0, started: [], finished: [], skipped: [], elected: [], pending: 0 });

/** The coordinator as node-cron sees it, recording its answers. */
function recording(inner: RunCoordinator, r: Recorder): RunCoordinator {
  return {
    shouldRun: async (key, ttlMs) => {
      r.pending++;
      try {
        const yes = await inner.shouldRun(key, ttlMs);
        if (yes) r.elected.push(key);
        return yes;
      } finally {
        r.pending--;
      }
    },
    onComplete: async (key) => {
      r.pending++;
      try {
        await inner.onComplete?.(key);
      } finally {
        r.pending--;
      }
    },
  };
}

function observe(task: ScheduledTask, r: Recorder): void {
  task.on('execution:started', (c: TaskContext) => void r.started.push(c.date.toISOString()));
  task.on('execution:finished', (c: TaskContext) => void r.finished.push(c.date.toISOString()));
  task.on(
    'execution:skipped',
    (c: TaskContext) => void r.skipped.push({ tick: c.date.toISOString(), reason: c.reason }),
  );
}

s('an invalid expression throws and schedules nothing', () => {
  const logger = capturingLogger();
  for (const expression of ['not a cron', '* * * * * * *', '61 * * * *', '']) {
    assert.throws(
      () => scheduleJob({ expression, coordinator: { shouldRun: () => true }, logger, run: async () => {} }),
      (e: Error) => e.message === `invalid cron expression: ${expression}`,
      `"${expression}" is rejected`,
    );
  }
});

s('two schedulers sharing a database run every tick exactly once in total', async (ctx) => {
  const logger = capturingLogger();
  const a = recorder();
  const b = recorder();
  const coordinatorA = new MongoRunCoordinator(ctx.t!.db);
  const coordinatorB = new MongoRunCoordinator(ctx.other!.db(ctx.t!.name));
  await Promise.all([coordinatorA.init(), coordinatorB.init()]);
  const schedule = (r: Recorder, coordinator: RunCoordinator) => {
    const task = scheduleJob({
      expression: '* * * * * *',
      coordinator: recording(coordinator, r),
      logger,
      leaseMs: 60_000,
      run: async () => void r.runs++,
    });
    ctx.tasks.push(task);
    observe(task, r);
  };
  schedule(a, coordinatorA);
  schedule(b, coordinatorB);

  // Two ticks that both schedulers saw: one ran it, the other was refused.
  const contested = () => [
    ...a.started.filter((t) => b.skipped.some((x) => x.tick === t)),
    ...b.started.filter((t) => a.skipped.some((x) => x.tick === t)),
  ];
  await waitFor(() => contested().length >= 2, 5_000, 'two contested ticks');
  await destroyAll(ctx);
  // A tick already being decided when the tasks stopped still runs; let it finish.
  await waitFor(
    () =>
      a.pending + b.pending === 0 && a.finished.length === a.started.length && b.finished.length === b.started.length,
    2_000,
    'in-flight ticks settled',
  );

  const ticks = [...a.started, ...b.started];
  assert.ok(ticks.length >= 2);
  assert.is(new Set(ticks).size, ticks.length, `no tick ran twice: ${ticks.sort().join(', ')}`);
  for (const tick of ticks) assert.is(new Date(tick).getUTCMilliseconds(), 0, 'ticks are whole seconds');
  // Each scheduler ran exactly the ticks the coordinator elected it for, once each.
  for (const r of [a, b]) {
    assert.is(r.runs, r.started.length);
    assert.equal([...r.elected].sort(), r.started.map((t) => `ingest:${t}`).sort());
  }
  const elected = [...a.elected, ...b.elected];
  assert.is(new Set(elected).size, elected.length, 'no key elected twice');

  // The loser of each tick skipped it because it was not elected, never because of an error.
  for (const x of [...a.skipped, ...b.skipped]) assert.is(x.reason, 'not-elected');
  assert.is(logger.lines.filter((l) => l.level === 'error').length, 0, logger.text());
  assert.ok(
    logger.lines.some((l) => l.level === 'debug' && l.message === 'tick run elsewhere'),
    'skips are logged at debug',
  );
});

s('a job that throws is logged and the schedule keeps going', async (ctx) => {
  const logger = capturingLogger();
  const coordinator = new MongoRunCoordinator(ctx.t!.db);
  await coordinator.init();
  let calls = 0;
  const task = scheduleJob({
    expression: '* * * * * *',
    coordinator,
    logger,
    name: 'failing-job',
    run: async () => {
      calls++;
      if (calls === 1) throw new TypeError('boom on the first tick');
    },
  });
  ctx.tasks.push(task);
  const failed: TaskContext[] = [];
  task.on('execution:failed', (c: TaskContext) => void failed.push(c));

  await waitFor(() => calls >= 2, 5_000, 'a second tick after the failing one');
  assert.ok(task.getStatus() !== 'stopped' && task.getStatus() !== 'destroyed', `still scheduled: ${task.getStatus()}`);
  await within(2_000, destroyAll(ctx), 'stopping the task');

  const errors = logger.lines.filter((l) => l.level === 'error');
  assert.is(errors.length, 1, logger.text());
  assert.is(errors[0]?.message, 'scheduled job failed');
  assert.equal(errors[0]?.fields, { err: { name: 'TypeError', message: 'boom on the first tick' } });
  // The failure is handled inside the job, so node-cron never sees a failed execution.
  assert.is(failed.length, 0);
});

s.run();
