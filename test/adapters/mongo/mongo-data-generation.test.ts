import { MongoClient } from 'mongodb';
import * as assert from 'uvu/assert';
import { MongoDataGeneration } from '../../../src/adapters/mongo/mongo-data-generation.js';
import { isoDate } from '../../../src/domain/iso-date.js';
import { dataGenerationContract } from '../../contract/data-generation.contract.js';
import { testDb, type TestDb } from '../../support/mongo.js';
import { suite } from '../../support/suite.js';

dataGenerationContract('MongoDataGeneration', async () => {
  const t = await testDb();
  // The twin goes through its own client, so that races go through the server as between processes.
  const other = await MongoClient.connect(t.uri, { serverSelectionTimeoutMS: 5000 });
  const generation = new MongoDataGeneration(t.db);
  await generation.init();
  await generation.init(); // idempotent, like a second start
  return {
    generation,
    twin: new MongoDataGeneration(other.db(t.name)),
    dispose: async () => {
      await other.close();
      await t.drop();
    },
  };
});

const m = suite<{ t?: TestDb }>('MongoDataGeneration pruning', {});
m.before.each(async (ctx) => void (ctx.t = await testDb()));
m.after.each(async (ctx) => ctx.t?.drop());

m('keeps only the newest records, so that a reader far behind sees a gap', async (ctx) => {
  const g = new MongoDataGeneration(ctx.t!.db, { kept: 2 });
  for (let i = 1; i <= 4; i++) await g.record({ dates: [isoDate(`2024-01-0${i}`)], catalog: false });
  assert.is(await g.read(1), null);
  assert.is(await g.read(2), null);
  assert.equal(await g.read(3), { generation: 3, dates: ['2024-01-03'], catalog: false });
  assert.equal((await g.read(4))?.dates, ['2024-01-04']);
});

m.run();
