import { ingestionLockContract } from '../../contract/ingestion-lock.contract.js';
import { InMemoryIngestionLock } from '../../support/in-memory-lock.js';

ingestionLockContract('InMemoryIngestionLock', async () => ({
  pair: async (now) => {
    const a = new InMemoryIngestionLock(now);
    return [a, a.twin()];
  },
  dispose: async () => {},
}));
