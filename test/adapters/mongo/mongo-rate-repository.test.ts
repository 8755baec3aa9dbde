import * as assert from 'uvu/assert';
import { MongoRateRepository } from '../../../src/adapters/mongo/mongo-rate-repository.js';
import { RATE_HISTORY_COLLECTION, RATES_COLLECTION } from '../../../src/adapters/mongo/rate-document.js';
import { versionAt } from '../../../src/domain/day-history.js';
import { currency } from '../../../src/domain/currency.js';
import { isoDate } from '../../../src/domain/iso-date.js';
import { rateRepositoryContract } from '../../contract/rate-repository.contract.js';
import { buildFetched } from '../../support/builders.js';
import { testDb, type TestDb } from '../../support/mongo.js';
import { suite } from '../../support/suite.js';

rateRepositoryContract('MongoRateRepository', async () => {
  const t = await testDb();
  // The twin is a separate client, so the race goes through the server, not one connection pool.
  const { MongoClient } = await import('mongodb');
  const other = await MongoClient.connect(t.uri);
  const repo = new MongoRateRepository(t.db);
  await repo.init();
  await repo.init(); // idempotent, like a second start
  return {
    repo,
    twin: new MongoRateRepository(other.db(t.name)),
    dispose: async () => {
      await other.close();
      await t.drop();
    },
  };
});

const m = suite<{ t?: TestDb }>('MongoRateRepository storage', {});
m.before.each(async (ctx) => {
  ctx.t = await testDb();
});
m.after.each(async (ctx) => ctx.t?.drop());

m('creates the unique (date, base, provider) index at init', async (ctx) => {
  await new MongoRateRepository(ctx.t!.db).init();
  const indexes = await ctx.t!.db.collection(RATES_COLLECTION).indexes();
  const idx = indexes.find((i) => i.name === 'date_base_provider');
  assert.ok(idx, 'index exists');
  assert.equal(idx.key, { date: 1, base: 1, provider: 1 });
  assert.is(idx.unique, true);
});

m('keeps the values a revision replaced in the document', async (ctx) => {
  const repo = new MongoRateRepository(ctx.t!.db);
  await repo.init();
  const first = buildFetched({ rates: { EUR: 1, USD: 1.05 }, fetchedAt: new Date('2024-01-02T10:00:00Z') });
  await repo.upsertMany([first]);
  await repo.upsertMany([buildFetched({ rates: { EUR: 1, USD: 1.06 } })]);
  const doc = await ctx.t!.db.collection(RATES_COLLECTION).findOne({ date: '2024-01-02' });
  assert.is(doc?.revision, 2);
  assert.is(doc?.rates.USD, 1.06);
  assert.is(doc?.previous.length, 1);
  assert.is(doc?.previous[0].revision, 1);
  assert.is(doc?.previous[0].rates.USD, 1.05);
  assert.is(doc?.previous[0].fetchedAt.toISOString(), '2024-01-02T10:00:00.000Z');
  // Reads return the current values only.
  assert.is((await repo.findByDate(isoDate('2024-01-02'), currency('EUR')))?.rates.USD, 1.06);
});

m('a document written before states carried their store time still reads, as of its fetches', async (ctx) => {
  const repo = new MongoRateRepository(ctx.t!.db);
  const fetchedAt = new Date('2024-01-02T10:00:00Z');
  const replacedAt = new Date('2024-01-03T01:00:00Z');
  await ctx.t!.db.collection(RATES_COLLECTION).insertOne({
    _id: '2024-01-02|EUR|fixer' as never,
    date: '2024-01-02',
    base: 'EUR',
    provider: 'fixer',
    rates: { EUR: 1, USD: 1.06 },
    sourceTimestamp: null,
    fetchedAt: new Date('2024-01-03T00:30:00Z'),
    revision: 2,
    previous: [{ revision: 1, rates: { EUR: 1, USD: 1.05 }, sourceTimestamp: null, fetchedAt, replacedAt }],
  });
  const [h] = await repo.findHistories(isoDate('2024-01-02'), currency('EUR'), ['fixer']);
  assert.equal(
    h?.versions.map((v) => [v.revision, v.storedAt.toISOString(), v.replacedAt?.toISOString() ?? null]),
    [
      [1, fetchedAt.toISOString(), replacedAt.toISOString()],
      [2, replacedAt.toISOString(), null],
    ],
  );
});

m('a day revised hourly: the oldest states move out in chunks, and every state still reads', async (ctx) => {
  // A bound of 4 kept states stands for the real one (HISTORY_KEPT): same code, fewer writes.
  const repo = new MongoRateRepository(ctx.t!.db, { historyKept: 4 });
  await repo.init();
  const hour = (h: number) => new Date(Date.UTC(2024, 0, 2, h));
  for (let h = 0; h < 14; h++) {
    // Even hours change a value, odd hours re-fetch the same ones: both are states.
    const usd = 1 + Math.floor(h / 2) / 100;
    await repo.upsertMany([buildFetched({ rates: { EUR: 1, USD: usd }, fetchedAt: hour(h) })], hour(h));
  }
  const doc = await ctx.t!.db.collection(RATES_COLLECTION).findOne({ date: '2024-01-02' });
  assert.ok(doc!.previous.length <= 4, `kept ${doc!.previous.length}`);
  assert.ok(doc!.archivedChunks >= 2, `moved ${doc!.archivedChunks} chunks`);
  const moved = await ctx.t!.db.collection(RATE_HISTORY_COLLECTION).countDocuments({});
  assert.is(moved, doc!.archivedChunks);

  const [h] = await repo.findHistories(isoDate('2024-01-02'), currency('EUR'), ['fixer']);
  assert.equal(
    h!.versions.map((v) => v.storedAt.toISOString()),
    Array.from({ length: 14 }, (_, i) => hour(i).toISOString()),
  );
  for (let i = 0; i < 14; i++) {
    const v = versionAt(h!, new Date(hour(i).getTime() + 30 * 60_000));
    assert.is(v?.fetchedAt.toISOString(), hour(i).toISOString());
    assert.is(v?.rates.USD, 1 + Math.floor(i / 2) / 100);
    assert.is(v?.revision, Math.floor(i / 2) + 1);
  }
  // Plain reads never touch the moved states.
  assert.is((await repo.findByDate(isoDate('2024-01-02'), currency('EUR')))?.revision, 7);
  const [ranged] = await repo.findRangeHistories(isoDate('2024-01-01'), isoDate('2024-01-03'), currency('EUR'));
  assert.is(ranged!.versions.length, 14);
});

m('refuses to serve a malformed stored document', async (ctx) => {
  const repo = new MongoRateRepository(ctx.t!.db);
  await ctx.t!.db.collection(RATES_COLLECTION).insertOne({
    _id: '2024-01-02|EUR|fixer' as never,
    date: '2024-01-02',
    base: 'EUR',
    provider: 'fixer',
    rates: { USD: 'abc' },
  });
  try {
    await repo.findByDate(isoDate('2024-01-02'), currency('EUR'));
    assert.unreachable('should have thrown');
  } catch (e) {
    assert.instance(e, Error);
    assert.not.instance(e, assert.Assertion);
  }
});

m(
  'a day not stored, and one stored by a provider not preferred, are found by key lookups alone, never a query on date',
  async (ctx) => {
    const { MongoClient } = await import('mongodb');
    const watched = await MongoClient.connect(ctx.t!.uri, { monitorCommands: true });
    const filters: unknown[] = [];
    watched.on('commandStarted', (e) => {
      if (e.commandName === 'find' || e.commandName === 'aggregate')
        filters.push(e.command.filter ?? e.command.pipeline);
    });
    try {
      const repo = new MongoRateRepository(watched.db(ctx.t!.name));
      await repo.upsertMany([buildFetched({ date: '2024-01-03', provider: 'ecb' })]);
      filters.length = 0;
      assert.is(await repo.findByDate(isoDate('2024-01-02'), currency('EUR'), { prefer: ['fixer'] }), null);
      assert.is(
        (await repo.findByDate(isoDate('2024-01-03'), currency('EUR'), { prefer: ['fixer'] }))?.provider,
        'ecb',
      );
      assert.ok(filters.length > 0);
      for (const f of filters) assert.equal(Object.keys(f as object), ['_id'], JSON.stringify(f));
    } finally {
      await watched.close();
    }
  },
);

m.run();
