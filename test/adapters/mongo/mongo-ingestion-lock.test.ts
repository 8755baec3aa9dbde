import { MongoRunCoordinator } from '../../../src/adapters/mongo/mongo-run-coordinator.js';
import { ingestionLockContract } from '../../contract/ingestion-lock.contract.js';
import { testDb } from '../../support/mongo.js';

ingestionLockContract('MongoRunCoordinator', async () => {
  const t = await testDb();
  return {
    pair: async (now) => {
      const a = new MongoRunCoordinator(t.db, now);
      await a.init();
      return [a, new MongoRunCoordinator(t.db, now)];
    },
    dispose: () => t.drop(),
  };
});
