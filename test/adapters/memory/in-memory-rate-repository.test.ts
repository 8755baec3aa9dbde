import { InMemoryRateRepository } from '../../../src/adapters/memory/in-memory-rate-repository.js';
import { rateRepositoryContract } from '../../contract/rate-repository.contract.js';

rateRepositoryContract('InMemoryRateRepository', async () => {
  const repo = new InMemoryRateRepository();
  return { repo, twin: repo, dispose: async () => {} };
});
