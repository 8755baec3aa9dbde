import * as assert from 'uvu/assert';
import { currency } from '../../src/domain/currency.js';
import { chooseAt, versionAt } from '../../src/domain/day-history.js';
import { isoDate } from '../../src/domain/iso-date.js';
import type { RateRepository } from '../../src/domain/rate-repository.js';
import { buildFetched } from '../support/builders.js';
import { suite } from '../support/suite.js';

export interface RepositoryFixture {
  repo: RateRepository;
  /** A second handle on the same storage, as another process would have. */
  twin: RateRepository;
  dispose(): Promise<void>;
}

const EUR = currency('EUR');
const d = isoDate;

/** The behaviour every `RateRepository` must have; run once per implementation. */
export function rateRepositoryContract(name: string, open: () => Promise<RepositoryFixture>): void {
  const t = suite<{ f?: RepositoryFixture }>(`RateRepository contract: ${name}`, {});
  t.before.each(async (ctx) => {
    // An implementation with storage to prepare (indexes) does so in `open`, as its own start-up.
    ctx.f = await open();
  });
  t.after.each(async (ctx) => ctx.f?.dispose());
  const repoOf = (ctx: { f?: RepositoryFixture }) => ctx.f!.repo;

  t('returns null for a day not stored', async (ctx) => {
    assert.is(await repoOf(ctx).findByDate(d('2024-01-02'), EUR), null);
    assert.is(await repoOf(ctx).findLatest(EUR), null);
  });

  t('stores numbers exactly as given, exponent form and 6 decimals included', async (ctx) => {
    const day = buildFetched({
      rates: { EUR: 1, USD: 1.093434, BTC: 3.9823669e-5, VEF: 2748542.489672, XAU: 0.000543 },
    });
    const report = await repoOf(ctx).upsertMany([day]);
    assert.equal(report, { inserted: ['2024-01-02'], updated: [], unchanged: [] });
    const got = await repoOf(ctx).findByDate(d('2024-01-02'), EUR);
    assert.ok(got);
    assert.equal(got.rates, day.rates);
    assert.is(JSON.stringify(got.rates.BTC), '0.000039823669');
    assert.is(got.rates.BTC, 3.9823669e-5);
    assert.is(got.revision, 1);
    assert.is(got.provider, 'fixer');
    assert.is(got.fetchedAt.getTime(), day.fetchedAt.getTime());
    assert.is(got.sourceTimestamp?.getTime(), day.sourceTimestamp?.getTime());
  });

  t('the same day twice changes nothing', async (ctx) => {
    const day = buildFetched();
    await repoOf(ctx).upsertMany([day]);
    const again = await repoOf(ctx).upsertMany([day]);
    assert.equal(again, { inserted: [], updated: [], unchanged: ['2024-01-02'] });
    const got = await repoOf(ctx).findByDate(d('2024-01-02'), EUR);
    assert.is(got?.revision, 1);
  });

  t('changed values bump the revision; same values fetched later only move the fetch time', async (ctx) => {
    const first = buildFetched({ fetchedAt: new Date('2024-01-02T12:00:00Z') });
    await repoOf(ctx).upsertMany([first]);
    const changed = buildFetched({ rates: { ...first.rates, USD: 1.1 }, fetchedAt: new Date('2024-01-03T01:00:00Z') });
    assert.equal(await repoOf(ctx).upsertMany([changed]), { inserted: [], updated: ['2024-01-02'], unchanged: [] });
    let got = await repoOf(ctx).findByDate(d('2024-01-02'), EUR);
    assert.is(got?.revision, 2);
    assert.is(got?.rates.USD, 1.1);
    const confirmed = buildFetched({ rates: changed.rates, fetchedAt: new Date('2024-01-04T01:00:00Z') });
    assert.equal(await repoOf(ctx).upsertMany([confirmed]), {
      inserted: [],
      updated: [],
      unchanged: ['2024-01-02'],
      refetched: ['2024-01-02'],
    });
    got = await repoOf(ctx).findByDate(d('2024-01-02'), EUR);
    assert.is(got?.revision, 2);
    assert.is(got?.fetchedAt.toISOString(), '2024-01-04T01:00:00.000Z');
  });

  t('keeps every state of a day with when it was stored and replaced, for reads as of an instant', async (ctx) => {
    const at = (s: string) => new Date(s);
    const first = buildFetched({ fetchedAt: at('2024-01-02T12:00:00Z') });
    await repoOf(ctx).upsertMany([first], at('2024-01-02T12:00:01Z'));
    const changed = buildFetched({ rates: { ...first.rates, USD: 1.1 }, fetchedAt: at('2024-01-03T01:00:00Z') });
    await repoOf(ctx).upsertMany([changed], at('2024-01-03T01:00:01Z'));
    const confirmed = buildFetched({ rates: changed.rates, fetchedAt: at('2024-01-04T01:00:00Z') });
    await repoOf(ctx).upsertMany([confirmed], at('2024-01-04T01:00:01Z'));
    await repoOf(ctx).upsertMany([{ ...changed, provider: 'ecb' }], at('2024-01-05T00:00:00Z'));

    const [fixer, ...others] = await repoOf(ctx).findHistories(d('2024-01-02'), EUR, ['fixer', 'ecb', 'none']);
    assert.is(others.length, 1);
    assert.equal(
      fixer!.versions.map((v) => [v.revision, v.rates.USD, v.fetchedAt.toISOString(), v.storedAt.toISOString()]),
      [
        [1, first.rates.USD, '2024-01-02T12:00:00.000Z', '2024-01-02T12:00:01.000Z'],
        [2, 1.1, '2024-01-03T01:00:00.000Z', '2024-01-03T01:00:01.000Z'],
        [2, 1.1, '2024-01-04T01:00:00.000Z', '2024-01-04T01:00:01.000Z'],
      ],
    );
    assert.is(fixer!.versions.at(-1)!.replacedAt, null);
    assert.is(versionAt(fixer!, at('2024-01-02T12:00:00Z')), null);
    assert.is(versionAt(fixer!, at('2024-01-03T01:00:00.999Z'))?.revision, 1);
    assert.is(versionAt(fixer!, at('2024-01-03T12:00:00Z'))?.fetchedAt.toISOString(), '2024-01-03T01:00:00.000Z');
    const histories = await repoOf(ctx).findRangeHistories(d('2024-01-01'), d('2024-01-03'), EUR);
    assert.is(histories.length, 2);
    const prefer = { prefer: ['ecb', 'fixer'] };
    assert.is(chooseAt(histories, at('2024-01-04T23:59:59Z'), prefer)[0]?.provider, 'fixer');
    assert.is(chooseAt(histories, at('2024-01-05T00:00:00Z'), prefer)[0]?.provider, 'ecb');
    const onlyEcb = await repoOf(ctx).findRangeHistories(d('2024-01-01'), d('2024-01-03'), EUR, { only: 'ecb' });
    assert.equal(
      onlyEcb.map((h) => h.provider),
      ['ecb'],
    );
  });

  t('reports inserted, updated and unchanged days of one batch', async (ctx) => {
    await repoOf(ctx).upsertMany([buildFetched({ date: '2024-01-01' }), buildFetched({ date: '2024-01-02' })]);
    const report = await repoOf(ctx).upsertMany([
      buildFetched({ date: '2024-01-01' }),
      buildFetched({ date: '2024-01-02', rates: { EUR: 1, USD: 2 } }),
      buildFetched({ date: '2024-01-03' }),
    ]);
    assert.equal(report, { inserted: ['2024-01-03'], updated: ['2024-01-02'], unchanged: ['2024-01-01'] });
  });

  t('reads ranges, the latest day and which days exist, in date order', async (ctx) => {
    const days = ['2024-01-05', '2024-01-01', '2024-01-03'].map((date) => buildFetched({ date }));
    await repoOf(ctx).upsertMany(days);
    const range = await repoOf(ctx).findRange(d('2024-01-02'), d('2024-01-05'), EUR);
    assert.equal(
      range.map((r) => r.date),
      ['2024-01-03', '2024-01-05'],
    );
    assert.is((await repoOf(ctx).findLatest(EUR))?.date, '2024-01-05');
    assert.is((await repoOf(ctx).findLatest(EUR, d('2024-01-04')))?.date, '2024-01-03');
    assert.is(await repoOf(ctx).findLatest(EUR, d('2023-12-31')), null);
    const stored = await repoOf(ctx).listStored(d('2024-01-01'), d('2024-01-04'), EUR);
    assert.equal(
      stored.map((s) => s.date),
      ['2024-01-01', '2024-01-03'],
    );
    assert.is(stored[0]?.fetchedAt.getTime(), days[1]?.fetchedAt.getTime());
  });

  t('keeps providers and bases apart, and reads the preferred provider', async (ctx) => {
    await repoOf(ctx).upsertMany([
      buildFetched({ provider: 'fixer', rates: { USD: 1.1 } }),
      buildFetched({ provider: 'ecb', rates: { USD: 1.2 } }),
      buildFetched({ provider: 'ecb', date: '2024-01-03', rates: { USD: 1.3 } }),
      buildFetched({ base: 'USD', rates: { EUR: 0.9 } }),
    ]);
    const repo = repoOf(ctx);
    assert.is((await repo.findByDate(d('2024-01-02'), EUR, { only: 'ecb' }))?.rates.USD, 1.2);
    assert.is((await repo.findByDate(d('2024-01-02'), EUR, { only: 'fixer' }))?.rates.USD, 1.1);
    assert.is((await repo.findByDate(d('2024-01-02'), EUR, { prefer: ['fixer', 'ecb'] }))?.provider, 'fixer');
    assert.is((await repo.findByDate(d('2024-01-02'), EUR, { prefer: ['ecb', 'fixer'] }))?.provider, 'ecb');
    assert.is((await repo.findByDate(d('2024-01-02'), currency('USD')))?.rates.EUR, 0.9);
    const range = await repo.findRange(d('2024-01-01'), d('2024-01-03'), EUR, { prefer: ['fixer'] });
    assert.equal(
      range.map((r) => [r.date, r.provider]),
      [
        ['2024-01-02', 'fixer'],
        ['2024-01-03', 'ecb'],
      ],
    );
    assert.is((await repo.findRange(d('2024-01-01'), d('2024-01-03'), EUR, { only: 'fixer' })).length, 1);
    const newestFixer = await repo.findLatest(EUR, undefined, { only: 'fixer' });
    assert.equal([newestFixer?.date, newestFixer?.provider, newestFixer?.rates.USD], ['2024-01-02', 'fixer', 1.1]);
    assert.is((await repo.findLatest(EUR, d('2024-01-02'), { only: 'ecb' }))?.rates.USD, 1.2);
    assert.is(await repo.findLatest(EUR, d('2024-01-01'), { only: 'ecb' }), null);
    assert.is((await repo.findLatest(EUR, undefined, { prefer: ['fixer'] }))?.provider, 'ecb');
    assert.is(await repo.findByDate(d('2024-01-02'), EUR, { only: 'other' }), null);
  });

  t('streams a range in date order, one chosen day per date, like findRange', async (ctx) => {
    const repo = repoOf(ctx);
    // Written out of order, across two providers and two bases: the stream must sort and choose.
    await repo.upsertMany([
      buildFetched({ provider: 'ecb', date: '2024-01-05', rates: { USD: 1.5 } }),
      buildFetched({ provider: 'fixer', date: '2024-01-03', rates: { USD: 1.31 } }),
      buildFetched({ provider: 'ecb', date: '2024-01-03', rates: { USD: 1.3 } }),
      buildFetched({ provider: 'ecb', date: '2024-01-02', rates: { USD: 1.2 } }),
      buildFetched({ provider: 'fixer', date: '2024-01-06', rates: { USD: 1.6 } }),
      buildFetched({ base: 'USD', date: '2024-01-04', rates: { EUR: 0.9 } }),
    ]);
    const collect = async (it: AsyncIterable<{ date: string; provider: string }>) => {
      const out: string[] = [];
      for await (const day of it) out.push(`${day.date}:${day.provider}`);
      return out;
    };
    const prefer = { prefer: ['fixer', 'ecb'] };
    const streamed = await collect(repo.streamRange(d('2024-01-01'), d('2024-01-05'), EUR, prefer));
    assert.equal(streamed, ['2024-01-02:ecb', '2024-01-03:fixer', '2024-01-05:ecb']);
    const ranged = await repo.findRange(d('2024-01-01'), d('2024-01-05'), EUR, prefer);
    assert.equal(
      streamed,
      ranged.map((r) => `${r.date}:${r.provider}`),
    );
    assert.equal(await collect(repo.streamRange(d('2024-01-01'), d('2024-01-31'), EUR, { only: 'ecb' })), [
      '2024-01-02:ecb',
      '2024-01-03:ecb',
      '2024-01-05:ecb',
    ]);
    assert.equal(await collect(repo.streamRange(d('2024-02-01'), d('2024-02-28'), EUR)), []);
    // A consumer that stops early ends the stream cleanly (the cursor is closed, nothing throws).
    for await (const day of repo.streamRange(d('2024-01-01'), d('2024-01-31'), EUR)) {
      assert.is(day.date, '2024-01-02');
      break;
    }
  });

  t("tells each provider's coverage: first and last stored day, newest fetch", async (ctx) => {
    const repo = repoOf(ctx);
    assert.is(await repo.coverage('ecb', EUR), null);
    const newest = buildFetched({ provider: 'ecb', date: '2024-03-01' });
    await repo.upsertMany([
      buildFetched({ provider: 'ecb', date: '2024-01-03' }),
      newest,
      buildFetched({ provider: 'fixer', date: '2023-12-01' }),
      buildFetched({ provider: 'ecb', base: 'USD', date: '2020-01-01' }),
    ]);
    const ecb = await repo.coverage('ecb', EUR);
    assert.equal(
      [ecb?.first, ecb?.last, ecb?.lastFetchedAt.getTime()],
      ['2024-01-03', '2024-03-01', newest.fetchedAt.getTime()],
    );
    assert.equal((await repo.coverage('fixer', EUR))?.first, '2023-12-01');
  });

  t('remembers days a provider did not publish, per provider, idempotently', async (ctx) => {
    const repo = repoOf(ctx);
    await repo.recordNoPublication('ecb', [d('2024-01-06'), d('2024-01-07')]);
    await repo.recordNoPublication('ecb', [d('2024-01-07'), d('2024-01-13')]);
    assert.equal(await repo.listNoPublication(d('2024-01-01'), d('2024-01-10'), 'ecb'), ['2024-01-06', '2024-01-07']);
    assert.equal(await repo.listNoPublication(d('2024-01-01'), d('2024-01-31'), 'fixer'), []);
  });

  t('two writers storing the same new days at once store each day once', async (ctx) => {
    const days = ['2024-02-01', '2024-02-02', '2024-02-03'].map((date) => buildFetched({ date }));
    const [a, b] = await Promise.all([ctx.f!.repo.upsertMany(days), ctx.f!.twin.upsertMany(days)]);
    assert.equal([...a.inserted, ...b.inserted].sort(), ['2024-02-01', '2024-02-02', '2024-02-03']);
    assert.equal([...a.updated, ...b.updated], []);
    const stored = await repoOf(ctx).listStored(d('2024-02-01'), d('2024-02-03'), EUR);
    assert.is(stored.length, 3);
  });

  t.run();
}
