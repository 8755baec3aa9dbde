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

t('a range is read once, then answered from the kept days, gaps included; single days share them', async (ctx) => {
  const reader = ctx.reader!;
  const [from, to] = [isoDate('2024-01-02'), isoDate('2024-01-04')];
  const first = await reader.range(from, to);
  assert.equal(
    first.map((d) => d.date),
    ['2024-01-02', '2024-01-03'],
  );
  assert.is(ctx.repo!.range, 1);
  const again = await reader.range(from, to);
  assert.equal(again, first, 'the same days, in order');
  assert.is(ctx.repo!.range, 1, 'the 4th is known to be absent: no query');
  assert.is(await reader.byDate(isoDate('2024-01-04')), null);
  assert.is((await reader.byDate(isoDate('2024-01-02')))?.date, '2024-01-02');
  assert.is(ctx.repo!.byDate, 0, 'single days come from what the range kept');
  // A wider range is not covered: one query, which then covers it.
  await reader.range(isoDate('2024-01-01'), to);
  await reader.range(isoDate('2024-01-01'), to);
  assert.is(ctx.repo!.range, 2);
});

t('a day stored after it was found absent shows at once', async (ctx) => {
  const reader = ctx.reader!;
  await reader.range(isoDate('2024-01-02'), isoDate('2024-01-04'));
  await ctx.repo!.upsertMany([buildFetched({ date: '2024-01-04' })]);
  ctx.feed!.publish([isoDate('2024-01-04')]);
  const days = await reader.range(isoDate('2024-01-02'), isoDate('2024-01-04'));
  assert.equal(
    days.map((d) => d.date),
    ['2024-01-02', '2024-01-03', '2024-01-04'],
  );
  assert.is(ctx.repo!.range, 2);
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
  assert.equal([repo.latest, repo.range, repo.byDate], [2, 2, 1], 'the byDate read was served by the new range');
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

t.run();
