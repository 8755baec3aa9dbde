import { InMemoryRequestBudget } from '../../../src/adapters/memory/in-memory-request-budget.js';
import { requestBudgetContract } from '../../contract/request-budget.contract.js';

requestBudgetContract('InMemoryRequestBudget', async () => ({
  make: async (limits) => new InMemoryRequestBudget(limits),
  dispose: async () => {},
}));
