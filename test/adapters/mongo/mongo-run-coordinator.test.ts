import { MongoClient } from 'mongodb';
import * as assert from 'uvu/assert';
import { MongoRunCoordinator } from '../../../src/adapters/mongo/mongo-run-coordinator.js';
import { testDb, type TestDb } from '../../support/mongo.js';
import { suite } from '../../support/suite.js';

interface Ctx {
  t?: TestDb;
  /** A second client on the same database, as another process would have. */
  other?: MongoClient;
}

const T0 = new Date('2024-06-15T12:00:00Z');
const at = (ms: number) => () => new Date(T0.getTime() + ms);
const LEASE_MS = 1_000;
const DAY_MS = 86_400_000;

const s = suite<Ctx>('MongoRunCoordinator', {});
s.before.each(async (ctx) => {
  ctx.t = await testDb();
  ctx.other = await MongoClient.connect(ctx.t.uri, { serverSelectionTimeoutMS: 5000 });
});
s.after.each(async (ctx) => {
  await ctx.other?.close();
  await ctx.t?.drop();
});

/** A coordinator on the test database, through the first client or (`other`) the second, as at start. */
async function coordinator(ctx: Ctx, clock: () => Date, other = false): Promise<MongoRunCoordinator> {
  const c = new MongoRunCoordinator(other ? ctx.other!.db(ctx.t!.name) : ctx.t!.db, clock);
  await c.init();
  return c;
}

const keyAt = (i: number) => `ingest:2024-06-15T12:00:${String(i).padStart(2, '0')}.000Z`;

s('two coordinators asking for the same tick at once: exactly one runs it', async (ctx) => {
  const a = await coordinator(ctx, at(0));
  const b = await coordinator(ctx, at(0), true);
  assert.is.not(a.owner, b.owner);
  const keys = Array.from({ length: 10 }, (_, i) => keyAt(i));
  const answers = await Promise.all(
    keys.map((key) => Promise.all([a.shouldRun(key, LEASE_MS), b.shouldRun(key, LEASE_MS)])),
  );
  for (const [i, got] of answers.entries()) {
    assert.is(got.filter(Boolean).length, 1, `exactly one winner for ${keys[i]}, got ${got.join(', ')}`);
  }
  // The loser keeps being refused while the lease holds.
  for (const key of keys)
    assert.equal([await a.shouldRun(key, LEASE_MS), await b.shouldRun(key, LEASE_MS)], [false, false]);
});

s('the holder itself is refused a second run of a held tick', async (ctx) => {
  const a = await coordinator(ctx, at(0));
  assert.is(await a.shouldRun('ingest:k', LEASE_MS), true);
  assert.is(await a.shouldRun('ingest:k', LEASE_MS), false);
});

s('a different key is independent of a held one', async (ctx) => {
  const a = await coordinator(ctx, at(0));
  const b = await coordinator(ctx, at(0), true);
  assert.is(await a.shouldRun(keyAt(0), LEASE_MS), true);
  assert.is(await b.shouldRun(keyAt(1), LEASE_MS), true);
  assert.is(await b.shouldRun('other-job:2024-06-15T12:00:00.000Z', LEASE_MS), true);
  assert.is(await b.shouldRun(keyAt(0), LEASE_MS), false);
  // Completing one tick does not complete another.
  await a.onComplete(keyAt(0));
  assert.is(await a.shouldRun(keyAt(2), LEASE_MS), true);
});

s('a lease not yet expired cannot be taken over', async (ctx) => {
  const a = await coordinator(ctx, at(0));
  const b = await coordinator(ctx, at(LEASE_MS - 1), true);
  assert.is(await a.shouldRun('ingest:k', LEASE_MS), true);
  assert.is(await b.shouldRun('ingest:k', LEASE_MS), false);
});

s('an expired lease that was never completed is taken over, and the new lease holds in turn', async (ctx) => {
  const a = await coordinator(ctx, at(0));
  const b = await coordinator(ctx, at(LEASE_MS + 1), true);
  assert.is(await a.shouldRun('ingest:k', LEASE_MS), true);
  assert.is(await b.shouldRun('ingest:k', LEASE_MS), true, 'the holder died: another owner takes over');
  // B's lease runs from its takeover: still held just before it ends, free just after.
  const early = await coordinator(ctx, at(2 * LEASE_MS));
  assert.is(await early.shouldRun('ingest:k', LEASE_MS), false);
  const late = await coordinator(ctx, at(2 * LEASE_MS + 2));
  assert.is(await late.shouldRun('ingest:k', LEASE_MS), true);
});

s('coordinators taking over the same expired lease at once: exactly one gets it', async (ctx) => {
  const a = await coordinator(ctx, at(0));
  // Four would-be new holders, two on each client.
  const takers = await Promise.all(
    [false, true, false, true].map((other) => coordinator(ctx, at(5 * LEASE_MS), other)),
  );
  const keys = Array.from({ length: 20 }, (_, i) => keyAt(i));
  for (const key of keys) assert.is(await a.shouldRun(key, LEASE_MS), true);
  // Every lease is now expired and was never completed (its holder "died").
  const answers = await Promise.all(keys.map((key) => Promise.all(takers.map((c) => c.shouldRun(key, LEASE_MS)))));
  for (const [i, got] of answers.entries()) {
    assert.is(got.filter(Boolean).length, 1, `exactly one new holder for ${keys[i]}, got ${got.join(', ')}`);
  }
});

s('a completed tick is never run again, even long after its lease expired', async (ctx) => {
  const a = await coordinator(ctx, at(0));
  assert.is(await a.shouldRun('ingest:k', LEASE_MS), true);
  await a.onComplete('ingest:k');
  const b = await coordinator(ctx, at(10 * LEASE_MS), true);
  assert.is(await b.shouldRun('ingest:k', LEASE_MS), false);
  const c = await coordinator(ctx, at(DAY_MS));
  assert.is(await c.shouldRun('ingest:k', LEASE_MS), false);
});

s('a taken-over run completed by its new holder is never run again', async (ctx) => {
  const a = await coordinator(ctx, at(0));
  const b = await coordinator(ctx, at(LEASE_MS + 1), true);
  assert.is(await a.shouldRun('ingest:k', LEASE_MS), true);
  assert.is(await b.shouldRun('ingest:k', LEASE_MS), true);
  await b.onComplete('ingest:k');
  const c = await coordinator(ctx, at(10 * LEASE_MS));
  assert.is(await c.shouldRun('ingest:k', LEASE_MS), false);
});

s('a late onComplete from the holder that was taken over does not complete the new run', async (ctx) => {
  const a = await coordinator(ctx, at(0));
  const b = await coordinator(ctx, at(LEASE_MS + 1), true);
  assert.is(await a.shouldRun('ingest:k', LEASE_MS), true);
  assert.is(await b.shouldRun('ingest:k', LEASE_MS), true);
  await a.onComplete('ingest:k');
  // B dies without completing: once its lease expires, the tick is still someone's to run.
  const c = await coordinator(ctx, at(10 * LEASE_MS));
  assert.is(await c.shouldRun('ingest:k', LEASE_MS), true);
});

s('leases that ended more than a week ago are removed; recent ones are kept', async (ctx) => {
  const old = await coordinator(ctx, () => new Date(T0.getTime() - 8 * DAY_MS));
  assert.is(await old.shouldRun('ingest:old', LEASE_MS), true);
  await old.onComplete('ingest:old');
  const recent = await coordinator(ctx, () => new Date(T0.getTime() - 6 * DAY_MS));
  assert.is(await recent.shouldRun('ingest:recent', LEASE_MS), true);
  await recent.onComplete('ingest:recent');
  const leases = ctx.t!.db.collection('leases');
  const before = await leases.countDocuments();
  assert.ok(before >= 2);

  const now = await coordinator(ctx, at(0));
  assert.is(await now.shouldRun('ingest:new', LEASE_MS), true);
  assert.is(await leases.countDocuments(), before, 'one lease removed, one added');
  // The recent lease still guards its tick.
  assert.is(await now.shouldRun('ingest:recent', LEASE_MS), false);
});

s.run();
