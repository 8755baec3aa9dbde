import * as assert from 'uvu/assert';
import type { MongoConnection } from '../../src/adapters/mongo/connect.js';
import { RATES_COLLECTION } from '../../src/adapters/mongo/rate-document.js';
import { parseConfig } from '../../src/main/config.js';
import { buildContainer } from '../../src/main/container.js';
import { GetRange } from '../../src/app/get-range.js';
import { GetRates } from '../../src/app/get-rates.js';
import { TOKENS } from '../../src/app/tokens.js';
import { silentLogger } from '../../src/domain/logger.js';
import type { RateRepository } from '../../src/domain/rate-repository.js';
import { buildFetched } from '../support/builders.js';
import { testDb } from '../support/mongo.js';
import { suite } from '../support/suite.js';

const t = suite('the composition root');

t('every use case reads through one day cache', async () => {
  const db = await testDb();
  const c = await buildContainer(
    parseConfig({ MONGODB_URI: db.uri, MONGODB_DB: db.name, INGEST_ENABLED: 'false' }),
    silentLogger,
  );
  try {
    await c.resolve<RateRepository>(TOKENS.RateRepository).upsertMany([buildFetched({ date: '2024-01-02' })]);
    assert.ok((await c.resolve(GetRates).execute({ date: '2024-01-02' })).ok, 'read once by one route');
    // Gone from storage behind the service's back: only a cache shared with GetRates can still answer.
    await db.db.collection(RATES_COLLECTION).deleteMany({});
    const range = await c.resolve(GetRange).execute({ from: '2024-01-02', to: '2024-01-02' });
    assert.ok(range.ok);
    if (range.ok)
      assert.equal(
        range.value.days.map((d) => d.date),
        ['2024-01-02'],
      );
  } finally {
    await c.resolve<MongoConnection>(TOKENS.Mongo).close();
    await db.drop();
  }
});

t.run();
