import { MongoClient } from 'mongodb';
import * as assert from 'uvu/assert';
import { MongoRequestBudget } from '../../../src/adapters/mongo/mongo-request-budget.js';
import { requestBudgetContract } from '../../contract/request-budget.contract.js';
import { testDb, type TestDb } from '../../support/mongo.js';
import { suite } from '../../support/suite.js';

requestBudgetContract('MongoRequestBudget', async () => {
  const t = await testDb();
  return {
    make: async (limits) => {
      const budget = new MongoRequestBudget(t.db, limits);
      await budget.init();
      return budget;
    },
    dispose: () => t.drop(),
  };
});

const JAN = new Date('2024-01-15T10:00:00Z');

const m = suite<{ t?: TestDb; other?: MongoClient }>('MongoRequestBudget shared storage', {});
m.before.each(async (ctx) => {
  ctx.t = await testDb();
  // A separate client, so the race goes through the server as between two processes.
  ctx.other = await MongoClient.connect(ctx.t.uri, { serverSelectionTimeoutMS: 5000 });
});
m.after.each(async (ctx) => {
  await ctx.other?.close();
  await ctx.t?.drop();
});

/** Two budgets on the same database, as two processes would have, each through its own client. */
async function twins(
  ctx: { t?: TestDb; other?: MongoClient },
  limit: number,
): Promise<[MongoRequestBudget, MongoRequestBudget]> {
  const a = new MongoRequestBudget(ctx.t!.db, { fixer: limit });
  const b = new MongoRequestBudget(ctx.other!.db(ctx.t!.name), { fixer: limit });
  await Promise.all([a.init(), b.init()]);
  return [a, b];
}

m('two instances on the same database share the count: 10 concurrent takes, limit 5 → exactly 5', async (ctx) => {
  const [a, b] = await twins(ctx, 5);
  const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 === 0 ? a : b).tryTake('fixer', JAN)));
  assert.is(answers.filter(Boolean).length, 5);
  const status = { provider: 'fixer', month: '2024-01', limit: 5, used: 5, remaining: 0 };
  assert.equal(await a.status('fixer', JAN), status);
  assert.equal(await b.status('fixer', JAN), status);
});

m('what one instance learns from the provider, the other sees', async (ctx) => {
  const [a, b] = await twins(ctx, 5);
  await a.reportRemaining('fixer', 1, JAN);
  assert.is((await b.status('fixer', JAN)).remaining, 1);
  assert.is(await b.tryTake('fixer', JAN), true);
  assert.is(await a.tryTake('fixer', JAN), false);
  assert.equal(await a.status('fixer', JAN), { provider: 'fixer', month: '2024-01', limit: 5, used: 5, remaining: 0 });
});

m('a budget reopened on the same database keeps the count of the month', async (ctx) => {
  const [a] = await twins(ctx, 3);
  assert.is(await a.tryTake('fixer', JAN), true);
  assert.is(await a.tryTake('fixer', JAN), true);
  const reopened = new MongoRequestBudget(ctx.t!.db, { fixer: 3 });
  await reopened.init();
  assert.is((await reopened.status('fixer', JAN)).used, 2);
  assert.equal([await reopened.tryTake('fixer', JAN), await reopened.tryTake('fixer', JAN)], [true, false]);
});

m.run();
