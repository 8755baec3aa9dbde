import * as assert from 'uvu/assert';
import type { RequestBudget } from '../../src/domain/request-budget.js';
import { suite } from '../support/suite.js';

export interface BudgetFixture {
  /** A budget with these monthly limits, on storage fresh for this test, ready as at start. */
  make(limits: Readonly<Record<string, number>>): Promise<RequestBudget>;
  dispose(): Promise<void>;
}

const JAN = new Date('2024-01-15T10:00:00Z');
const JAN_END = new Date('2024-01-31T23:59:59.999Z');
const FEB_START = new Date('2024-02-01T00:00:00.000Z');

const takeAll = (b: RequestBudget, n: number, now: Date, provider = 'fixer') =>
  Promise.all(Array.from({ length: n }, () => b.tryTake(provider, now)));
const count = (answers: boolean[]) => answers.filter(Boolean).length;

/** The behaviour every `RequestBudget` must have; run once per implementation. */
export function requestBudgetContract(name: string, open: () => Promise<BudgetFixture>): void {
  const t = suite<{ f?: BudgetFixture }>(`RequestBudget contract: ${name}`, {});
  t.before.each(async (ctx) => {
    ctx.f = await open();
  });
  t.after.each(async (ctx) => ctx.f?.dispose());
  const make = (ctx: { f?: BudgetFixture }, limits: Readonly<Record<string, number>>) => ctx.f!.make(limits);

  t('a fresh month reports the whole allowance', async (ctx) => {
    const b = await make(ctx, { fixer: 5 });
    assert.equal(await b.status('fixer', JAN), {
      provider: 'fixer',
      month: '2024-01',
      limit: 5,
      used: 0,
      remaining: 5,
    });
  });

  t('limit 5: exactly 5 of 20 concurrent takes succeed', async (ctx) => {
    const b = await make(ctx, { fixer: 5 });
    assert.is(count(await takeAll(b, 20, JAN)), 5);
    assert.equal(await b.status('fixer', JAN), {
      provider: 'fixer',
      month: '2024-01',
      limit: 5,
      used: 5,
      remaining: 0,
    });
    assert.is(await b.tryTake('fixer', JAN), false, 'nothing left afterwards');
    assert.is((await b.status('fixer', JAN)).used, 5, 'a refused take takes nothing');
  });

  t('sequential takes stop exactly at the limit', async (ctx) => {
    const b = await make(ctx, { fixer: 3 });
    const answers: boolean[] = [];
    for (let i = 0; i < 5; i++) answers.push(await b.tryTake('fixer', JAN));
    assert.equal(answers, [true, true, true, false, false]);
  });

  t('a new UTC month starts fresh', async (ctx) => {
    const b = await make(ctx, { fixer: 5 });
    assert.is(count(await takeAll(b, 5, JAN_END)), 5);
    assert.is(await b.tryTake('fixer', JAN_END), false);
    assert.is(await b.tryTake('fixer', FEB_START), true, 'the first instant of February is a new month');
    assert.equal(await b.status('fixer', FEB_START), {
      provider: 'fixer',
      month: '2024-02',
      limit: 5,
      used: 1,
      remaining: 4,
    });
    assert.equal(await b.status('fixer', JAN), {
      provider: 'fixer',
      month: '2024-01',
      limit: 5,
      used: 5,
      remaining: 0,
    });
    // The month is the UTC one, whatever the local offset the Date was built with.
    assert.is((await b.status('fixer', new Date('2024-02-29T23:30:00-05:00'))).month, '2024-03');
  });

  t('providers are counted apart', async (ctx) => {
    const b = await make(ctx, { fixer: 2, other: 3 });
    assert.is(count(await takeAll(b, 5, JAN, 'fixer')), 2);
    assert.is(count(await takeAll(b, 5, JAN, 'other')), 3);
    assert.equal(await b.status('other', JAN), {
      provider: 'other',
      month: '2024-01',
      limit: 3,
      used: 3,
      remaining: 0,
    });
  });

  t('reportRemaining aligns the count with what the provider says is left', async (ctx) => {
    const b = await make(ctx, { fixer: 5 });
    await b.tryTake('fixer', JAN);
    await b.reportRemaining('fixer', 2, JAN);
    assert.equal(await b.status('fixer', JAN), {
      provider: 'fixer',
      month: '2024-01',
      limit: 5,
      used: 3,
      remaining: 2,
    });
    assert.is(count(await takeAll(b, 6, JAN)), 2, 'only 2 more takes succeed');
    assert.is((await b.status('fixer', JAN)).remaining, 0);
  });

  t('reportRemaining on an untouched month aligns; a later, larger report never gives requests back', async (ctx) => {
    const b = await make(ctx, { fixer: 5 });
    await b.reportRemaining('fixer', 3, JAN);
    assert.is((await b.status('fixer', JAN)).used, 2);
    await b.reportRemaining('fixer', 0, JAN);
    assert.is(await b.tryTake('fixer', JAN), false, 'the provider says nothing is left');
    await b.reportRemaining('fixer', 4, JAN);
    assert.equal(await b.status('fixer', JAN), {
      provider: 'fixer',
      month: '2024-01',
      limit: 5,
      used: 5,
      remaining: 0,
    });
    // Only this month is aligned.
    assert.is((await b.status('fixer', FEB_START)).remaining, 5);
  });

  t('the limit is a cap: a provider reporting more left than the limit changes nothing', async (ctx) => {
    const b = await make(ctx, { fixer: 4 });
    assert.is(await b.tryTake('fixer', JAN), true);
    await b.reportRemaining('fixer', 9_999, JAN);
    assert.equal(await b.status('fixer', JAN), {
      provider: 'fixer',
      month: '2024-01',
      limit: 4,
      used: 1,
      remaining: 3,
    });
    const answers: boolean[] = [];
    for (let i = 0; i < 6; i++) {
      answers.push(await b.tryTake('fixer', JAN));
      await b.reportRemaining('fixer', 9_999, JAN);
    }
    assert.equal(answers, [true, true, true, false, false, false]);
  });

  t('endpoints of one provider are counted apart, under the same limit', async (ctx) => {
    const b = await make(ctx, { fixer: 2 });
    const real = 'https://data.fixer.io/api';
    const sandbox = 'http://127.0.0.1:8089/api';
    assert.is(count(await takeAll(b, 4, JAN)), 2);
    assert.is((await b.status('fixer', JAN)).used, 2, 'no endpoint named: the unnamed one');
    assert.is(count(await Promise.all([1, 2, 3].map(() => b.tryTake('fixer', JAN, sandbox)))), 2);
    assert.is((await b.status('fixer', JAN, real)).remaining, 2, 'the sandbox spent nothing of the real one');
    await b.reportRemaining('fixer', 0, JAN, real);
    assert.is((await b.status('fixer', JAN, real)).remaining, 0);
    assert.is((await b.status('fixer', JAN, sandbox)).used, 2);
    assert.is(await b.tryTake('fixer', JAN, real), false);
  });

  t('a provider without a configured limit always gets its request', async (ctx) => {
    const b = await make(ctx, { fixer: 1 });
    assert.ok((await takeAll(b, 20, JAN, 'unmetered')).every(Boolean));
    await b.reportRemaining('unmetered', 0, JAN);
    assert.is(await b.tryTake('unmetered', JAN), true, 'reportRemaining does not exhaust it');
    const status = await b.status('unmetered', JAN);
    assert.is(status.provider, 'unmetered');
    assert.is(status.month, '2024-01');
    assert.is(status.limit, Number.POSITIVE_INFINITY);
    assert.is(status.remaining, Number.POSITIVE_INFINITY);
    // The metered provider of the same budget is unaffected.
    assert.is((await b.status('fixer', JAN)).remaining, 1);
  });

  t('limit 0 refuses every request', async (ctx) => {
    const b = await make(ctx, { fixer: 0 });
    assert.is(count(await takeAll(b, 3, JAN)), 0);
    assert.equal(await b.status('fixer', JAN), {
      provider: 'fixer',
      month: '2024-01',
      limit: 0,
      used: 0,
      remaining: 0,
    });
  });

  t.run();
}
