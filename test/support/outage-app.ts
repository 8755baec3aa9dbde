import { MongoClient } from 'mongodb';
import { MongoCurrencyCatalog } from '../../src/adapters/mongo/mongo-currency-catalog.js';
import { MongoRateRepository } from '../../src/adapters/mongo/mongo-rate-repository.js';
import { startTestApp, type TestApp } from './app.js';
import { buildFetched } from './builders.js';
import { startStoppableMongo, type StoppableMongo } from './stoppable-mongo.js';

export interface OutageRig {
  /** The database server the test stops and starts again. */
  readonly mongo: StoppableMongo;
  readonly app: TestApp;
  dispose(): Promise<void>;
}

/**
 * The app over a MongoDB server the test can stop, with 2024-01-02 stored and no day cache nor edge
 * cache (which would keep answering final days): every request reaches the database. Short selection
 * and heartbeat, so that the outage shows (and ends) within a second or two; `o` may lengthen the
 * selection and add settings.
 */
export async function startOutageRig(
  dbName: string,
  o: { readonly selectionTimeoutMs?: number; readonly env?: Record<string, string> } = {},
): Promise<OutageRig> {
  const mongo = await startStoppableMongo();
  const client = await MongoClient.connect(mongo.uri, {
    serverSelectionTimeoutMS: o.selectionTimeoutMs ?? 1000,
    heartbeatFrequencyMS: 500,
  });
  const db = client.db(dbName);
  const repo = new MongoRateRepository(db);
  await repo.init();
  await repo.upsertMany([buildFetched({ date: '2024-01-02' })]);
  const app = await startTestApp({
    repo,
    catalog: new MongoCurrencyCatalog(db),
    env: { CACHE_MAX_DAYS: '0', RESPONSE_CACHE_MAX_ENTRIES: '0', ...o.env },
  });
  return {
    mongo,
    app,
    dispose: async () => {
      await app.close();
      await client.close();
      await mongo.dispose();
    },
  };
}
