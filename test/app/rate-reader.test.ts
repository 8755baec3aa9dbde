import * as assert from 'uvu/assert';
import { InMemoryRateRepository } from '../../src/adapters/memory/in-memory-rate-repository.js';
import { RateReader } from '../../src/app/rate-reader.js';
import { RatesChangeFeed } from '../../src/app/rates-change-feed.js';
import type { CurrencyCode } from '../../src/domain/currency.js';
import { isoDate, type IsoDate } from '../../src/domain/iso-date.js';
import type { ProviderChoice } from '../../src/domain/provider-choice.js';
import { buildFetched } from '../support/builders.js';
import { suite } from '../support/suite.js';

/** The in-memory repository, counting the reads that reach it. */
class CountingRepository extends InMemoryRateRepository {
  /** While set, reads wait for it: a change can then land in the middle of one. */
  gate: Promise<void> | null = null;
  byDate = 0;
  latest = 0;
  range = 0;
  override async findByDate(date: IsoDate, base: CurrencyCode, choice?: ProviderChoice) {
    this.byDate++;
    const day = await super.findByDate(date, base, choice);
    await this.gate;
    return day;
  }
  override async findRange(from: IsoDate, to: IsoDate, base: CurrencyCode, choice?: ProviderChoice) {
    this.range++;
    const days = await super.findRange(from, to, base, choice);
    await this.gate;
    return days;
  }
  override async findLatest(base: CurrencyCode, onOrBefore?: IsoDate, choice?: ProviderChoice) {
    this.latest++;
    const day = await super.findLatest(base, onOrBefore, choice);
    await this.gate;
    return day;
  }
}

interface Ctx {
  repo?: CountingRepository;
  feed?: RatesChangeFeed;
  reader?: RateReader;
}

const t = suite<Ctx>('RateReader: the day cache and the newest-day cache', {});

t.before.each(async (ctx) => {
  ctx.repo = new CountingRepository();
  await ctx.repo.upsertMany([buildFetched({ date: '2024-01-02' }), buildFetched({ date: '2024-01-03' })]);
  ctx.feed = new RatesChangeFeed();
  ctx.reader = new RateReader(ctx.repo, ctx.feed, { CACHE_MAX_DAYS: 8, PROVIDERS: ['fixer'] });
});

t('a day is read from storage once, and again after this process changes it', async (ctx) => {
  const day = isoDate('2024-01-02');
  assert.is((await ctx.reader!.byDate(day))?.date, day);
  assert.is((await ctx.reader!.byDate(day))?.date, day);
  assert.is(ctx.repo!.byDate, 1);
  ctx.feed!.publish([isoDate('2024-01-03')]);
  await ctx.reader!.byDate(day);
  assert.is(ctx.repo!.byDate, 1, 'another day changed: still cached');
  ctx.feed!.publish([day]);
  await ctx.reader!.byDate(day);
  assert.is(ctx.repo!.byDate, 2, 'its day changed: read again');
});

t('the newest day is kept; concurrent asks share one query; a change shows at once', async (ctx) => {
  const reader = ctx.reader!;
  const first = await Promise.all(Array.from({ length: 10 }, () => reader.latest()));
  assert.equal(
    first.map((d) => d?.date),
    Array(10).fill('2024-01-03'),
  );
  assert.is(ctx.repo!.latest, 1, 'ten concurrent asks, one query');
  await reader.latest();
  assert.is(ctx.repo!.latest, 1, 'served from memory');
  assert.is((await reader.latest(isoDate('2024-01-02')))?.date, '2024-01-02', 'a bound is its own entry');
  assert.is(ctx.repo!.latest, 2);

  await ctx.repo!.upsertMany([buildFetched({ date: '2024-01-04' })]);
  ctx.feed!.publish([isoDate('2024-01-04')]);
  assert.is((await reader.latest())?.date, '2024-01-04', 'the new day, not the cached one');
});

t('"nothing stored yet" is not remembered: the first stored day shows at once', async () => {
  const repo = new CountingRepository();
  const reader = new RateReader(repo, new RatesChangeFeed(), { CACHE_MAX_DAYS: 8, PROVIDERS: ['fixer'] });
  assert.is(await reader.latest(), null);
  // Stored by another process: this one hears nothing.
  await repo.upsertMany([buildFetched({ date: '2024-01-02' })]);
  assert.is((await reader.latest())?.date, '2024-01-02');
});

t(
  'a range reads its days by key once, then answers from the kept days, gaps included; single days share them',
  async (ctx) => {
    const reader = ctx.reader!;
    const [from, to] = [isoDate('2024-01-02'), isoDate('2024-01-04')];
    const first = await reader.range(from, to);
    assert.equal(
      first.map((d) => d.date),
      ['2024-01-02', '2024-01-03'],
    );
    assert.equal([ctx.repo!.range, ctx.repo!.byDate], [0, 3], 'three key lookups, no range query');
    const again = await reader.range(from, to);
    assert.equal(again, first, 'the same days, in order');
    assert.is(ctx.repo!.byDate, 3, 'the 4th is known to be absent: no query');
    assert.is(await reader.byDate(isoDate('2024-01-04')), null);
    assert.is((await reader.byDate(isoDate('2024-01-02')))?.date, '2024-01-02');
    assert.is(ctx.repo!.byDate, 3, 'single days come from what the range kept');
    // A wider range reads only the day it lacks.
    await reader.range(isoDate('2024-01-01'), to);
    await reader.range(isoDate('2024-01-01'), to);
    assert.is(ctx.repo!.byDate, 4);
    assert.is(ctx.repo!.range, 0);
  },
);

t('a range with many days not kept is one range query, whose days and gaps are then kept', async (ctx) => {
  const reader = new RateReader(ctx.repo!, ctx.feed!, { CACHE_MAX_DAYS: 400, PROVIDERS: ['fixer'] });
  const days = await reader.range(isoDate('2023-11-01'), isoDate('2024-01-10'));
  assert.equal(
    days.map((d) => d.date),
    ['2024-01-02', '2024-01-03'],
  );
  assert.equal([ctx.repo!.range, ctx.repo!.byDate], [1, 0]);
  await reader.range(isoDate('2023-11-01'), isoDate('2024-01-10'));
  assert.is(await reader.byDate(isoDate('2023-12-25')), null);
  assert.equal([ctx.repo!.range, ctx.repo!.byDate], [1, 0], 'answered from memory, absent days included');
});

t('a day stored after it was found absent shows once its change is heard, and not before', async (ctx) => {
  const reader = ctx.reader!;
  await reader.range(isoDate('2024-01-02'), isoDate('2024-01-04'));
  await ctx.repo!.upsertMany([buildFetched({ date: '2024-01-04' })]);
  const before = await reader.range(isoDate('2024-01-02'), isoDate('2024-01-04'));
  assert.is(before.length, 2, 'absent is kept without an age bound: only a change drops it');
  ctx.feed!.publish([isoDate('2024-01-04')]);
  const days = await reader.range(isoDate('2024-01-02'), isoDate('2024-01-04'));
  assert.equal(
    days.map((d) => d.date),
    ['2024-01-02', '2024-01-03', '2024-01-04'],
  );
  assert.is(ctx.repo!.byDate, 4, 'only the changed day was read again');
});

t('the newest day is dropped only by a change at or after it (within the bound asked)', async (ctx) => {
  const reader = ctx.reader!;
  await reader.latest();
  await reader.latest(isoDate('2024-01-02'));
  assert.is(ctx.repo!.latest, 2);
  ctx.feed!.publish([isoDate('2024-01-01')]);
  await reader.latest();
  await reader.latest(isoDate('2024-01-02'));
  assert.is(ctx.repo!.latest, 2, 'a change before both newest days drops neither');
  ctx.feed!.publish([isoDate('2024-01-03')]);
  await reader.latest();
  await reader.latest(isoDate('2024-01-02'));
  assert.is(ctx.repo!.latest, 3, 'the 3rd is the newest day: dropped; the bound at the 2nd cannot see it: kept');
  ctx.feed!.publish([isoDate('2024-01-02')]);
  await reader.latest(isoDate('2024-01-02'));
  assert.is(ctx.repo!.latest, 4);
});

t('"everything" drops every kept day, absent day and newest day', async (ctx) => {
  const reader = ctx.reader!;
  await reader.range(isoDate('2024-01-02'), isoDate('2024-01-04'));
  await reader.latest();
  ctx.feed!.publishEverything();
  await reader.range(isoDate('2024-01-02'), isoDate('2024-01-04'));
  await reader.latest();
  assert.equal([ctx.repo!.byDate, ctx.repo!.latest], [6, 2]);
});

t('a range larger than half the cache goes to storage and keeps nothing', async (ctx) => {
  const reader = ctx.reader!; // CACHE_MAX_DAYS 8: up to 4 days are kept
  await reader.range(isoDate('2024-01-01'), isoDate('2024-01-05'));
  await reader.range(isoDate('2024-01-01'), isoDate('2024-01-05'));
  assert.is(ctx.repo!.range, 2);
  await reader.byDate(isoDate('2024-01-02'));
  assert.is(ctx.repo!.byDate, 1);
});

t('a read that saw values from before a change does not keep them; the caller still gets its answer', async (ctx) => {
  const reader = ctx.reader!;
  const repo = ctx.repo!;
  let open!: () => void;
  repo.gate = new Promise((r) => (open = r));
  const reads = [
    reader.latest(),
    reader.byDate(isoDate('2024-01-02')),
    reader.range(isoDate('2024-01-02'), isoDate('2024-01-04')),
  ] as const;
  await new Promise((r) => setImmediate(r)); // the three have read storage and wait at the gate
  // The ingestion stores the 4th (and, say, new values for the 2nd) while they are under way.
  await repo.upsertMany([buildFetched({ date: '2024-01-04' })]);
  ctx.feed!.publish([isoDate('2024-01-02'), isoDate('2024-01-04')]);
  open();
  repo.gate = null;
  const [latest, day, range] = await Promise.all(reads);
  assert.is(latest?.date, '2024-01-03', 'an answer, from before the change: never a false "nothing stored"');
  assert.is(day?.date, '2024-01-02');
  assert.equal(
    range.map((d) => d.date),
    ['2024-01-02', '2024-01-03'],
  );
  // None of it was kept: the next reads go to storage and see the change.
  assert.is((await reader.latest())?.date, '2024-01-04');
  assert.equal(
    (await reader.range(isoDate('2024-01-02'), isoDate('2024-01-04'))).map((d) => d.date),
    ['2024-01-02', '2024-01-03', '2024-01-04'],
  );
  await reader.byDate(isoDate('2024-01-02'));
  // Before: 1 byDate + 3 lookups of the range, none kept; after: the range's 3 again, which serve the byDate.
  assert.equal([repo.latest, repo.range, repo.byDate], [2, 0, 7], 'the byDate read was served by the new range');
});

t('CACHE_MAX_DAYS=0 keeps nothing: every read goes to storage', async (ctx) => {
  const reader = new RateReader(ctx.repo!, ctx.feed!, { CACHE_MAX_DAYS: 0, PROVIDERS: ['fixer'] });
  await reader.latest();
  await reader.latest();
  await reader.byDate(isoDate('2024-01-02'));
  await reader.byDate(isoDate('2024-01-02'));
  await reader.range(isoDate('2024-01-01'), isoDate('2024-01-02'));
  await reader.range(isoDate('2024-01-01'), isoDate('2024-01-02'));
  assert.is(ctx.repo!.latest, 2);
  assert.is(ctx.repo!.byDate, 2);
  assert.is(ctx.repo!.range, 2);
});

t(
  'fallback=previous looks up the 7 days before by key, never with a sorted query, and keeps what it found',
  async (ctx) => {
    const reader = ctx.reader!;
    assert.is((await reader.dayBefore(isoDate('2024-01-06')))?.date, '2024-01-03', 'the newest of the days before');
    assert.is(ctx.repo!.latest, 0, 'no "newest on or before" query');
    assert.is(ctx.repo!.range, 0);
    assert.is(ctx.repo!.byDate, 7, 'one key lookup per day before');
    await reader.dayBefore(isoDate('2024-01-06'));
    assert.is(ctx.repo!.byDate, 7, 'asked again: every day, found or absent, came from memory');
    assert.is(await reader.dayBefore(isoDate('2024-01-11')), null, 'nothing within 7 days before');
    assert.is(ctx.repo!.latest, 0);
  },
);

t.run();
