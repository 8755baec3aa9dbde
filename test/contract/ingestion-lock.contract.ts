import * as assert from 'uvu/assert';
import type { IngestionLock } from '../../src/domain/ingestion-lock.js';
import { suite } from '../support/suite.js';

export interface LockFixture {
  /** Two handles on the same locks, as two processes hold them, reading the time from `now`. */
  pair(now: () => Date): Promise<[IngestionLock, IngestionLock]>;
  dispose(): Promise<void>;
}

/** The behaviour every `IngestionLock` must have; run once per implementation. */
export function ingestionLockContract(name: string, open: () => Promise<LockFixture>): void {
  const t = suite<{ f?: LockFixture }>(`IngestionLock contract: ${name}`, {});
  t.before.each(async (ctx) => {
    ctx.f = await open();
  });
  t.after.each(async (ctx) => ctx.f?.dispose());

  t('one holder at a time, free again after release, reusable many times', async (ctx) => {
    const [a, b] = await ctx.f!.pair(() => new Date());
    const first = await Promise.all([
      a.acquire('ingestion', 60_000),
      b.acquire('ingestion', 60_000),
      b.acquire('ingestion', 60_000),
    ]);
    assert.is(first.filter(Boolean).length, 1);
    const holder = first[0] ? a : b;
    const other = holder === a ? b : a;
    assert.is(await other.acquire('ingestion', 60_000), false, 'held');
    await other.release('ingestion');
    assert.is(await holder.acquire('ingestion', 60_000), false, 'a release by a non-holder frees nothing');
    await holder.release('ingestion');
    for (let i = 0; i < 3; i++) {
      assert.is(await other.acquire('ingestion', 60_000), true, `round ${i}`);
      await other.release('ingestion');
    }
  });

  t('a dead holder\u2019s lock is taken over once it expires', async (ctx) => {
    let now = new Date('2024-06-15T12:00:00Z');
    const [dead, live] = await ctx.f!.pair(() => now);
    assert.is(await dead.acquire('ingestion', 60_000), true);
    now = new Date('2024-06-15T12:00:59Z');
    assert.is(await live.acquire('ingestion', 60_000), false);
    now = new Date('2024-06-15T12:01:01Z');
    assert.is(await live.acquire('ingestion', 60_000), true);
  });

  t.run();
}
