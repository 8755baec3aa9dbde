import { InMemoryDataGeneration } from '../../../src/adapters/memory/in-memory-data-generation.js';
import { dataGenerationContract } from '../../contract/data-generation.contract.js';

dataGenerationContract('InMemoryDataGeneration', async () => {
  const generation = new InMemoryDataGeneration();
  return { generation, twin: generation, dispose: async () => {} };
});
