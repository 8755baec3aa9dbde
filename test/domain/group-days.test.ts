import * as assert from 'uvu/assert';
import { groupDays, type ObservedDay, type PeriodRates } from '../../src/domain/group-days.js';
import { isoDate } from '../../src/domain/iso-date.js';
import { periodOf } from '../../src/domain/period.js';
import { suite } from '../support/suite.js';

const t = suite('group days into ISO weeks and calendar months');

const day = (date: string, rates: Record<string, number>, provider = 'ecb'): ObservedDay => ({
  date: isoDate(date),
  rates,
  provider,
});

async function collect(days: ObservedDay[], grouping: 'week' | 'month'): Promise<PeriodRates[]> {
  async function* source() {
    yield* days;
  }
  const out: PeriodRates[] = [];
  for await (const p of groupDays(source(), grouping)) out.push(p);
  return out;
}

t('months run from the 1st to the last day, leap years included', () => {
  assert.equal(periodOf(isoDate('2024-02-10'), 'month'), { start: '2024-02-01', end: '2024-02-29' });
  assert.equal(periodOf(isoDate('2023-02-28'), 'month'), { start: '2023-02-01', end: '2023-02-28' });
  assert.equal(periodOf(isoDate('2024-12-31'), 'month'), { start: '2024-12-01', end: '2024-12-31' });
});

t('ISO weeks run Monday to Sunday, across a year end', () => {
  // 2021-01-03 is a Sunday in ISO week 2020-W53, which began on Monday 2020-12-28.
  assert.equal(periodOf(isoDate('2021-01-03'), 'week'), { start: '2020-12-28', end: '2021-01-03' });
  assert.equal(periodOf(isoDate('2024-01-01'), 'week'), { start: '2024-01-01', end: '2024-01-07' });
  assert.equal(periodOf(isoDate('2024-12-31'), 'week'), { start: '2024-12-30', end: '2025-01-05' });
});

t('one entry per period: days observed, per-currency average and last observation', async () => {
  const periods = await collect(
    [
      day('2024-01-30', { USD: 1.1, GBP: 0.8 }),
      day('2024-01-31', { USD: 1.2 }),
      day('2024-02-01', { USD: 1.3, GBP: 0.9 }, 'fixer'),
      day('2024-02-29', { USD: 1.4, GBP: 0.7 }),
    ],
    'month',
  );
  assert.equal(periods, [
    {
      start: '2024-01-01',
      end: '2024-01-31',
      daysObserved: 2,
      lastDate: '2024-01-31',
      // GBP's mean and last come from the one day it has: a missing value is not a zero.
      average: { USD: 1.15, GBP: 0.8 },
      last: { USD: 1.2, GBP: 0.8 },
      providers: ['ecb'],
    },
    {
      start: '2024-02-01',
      end: '2024-02-29',
      daysObserved: 2,
      lastDate: '2024-02-29',
      average: { USD: 1.35, GBP: 0.8 },
      last: { USD: 1.4, GBP: 0.7 },
      providers: ['ecb', 'fixer'],
    },
  ]);
});

t('averages are rounded to 9 significant digits; last observations are the values as served', async () => {
  const [week] = await collect(
    [day('2024-01-01', { JPY: 156.123456 }), day('2024-01-02', { JPY: 157 }), day('2024-01-03', { JPY: 157 })],
    'week',
  );
  assert.is(week!.average.JPY, Number(((156.123456 + 157 + 157) / 3).toPrecision(9)));
  assert.is(week!.last.JPY, 157);
  assert.is(week!.daysObserved, 3);
});

t('no days, no periods; gaps between periods leave no empty entries', async () => {
  assert.equal(await collect([], 'week'), []);
  const periods = await collect([day('2024-01-02', { USD: 1 }), day('2024-03-05', { USD: 2 })], 'week');
  assert.equal(
    periods.map((p) => [p.start, p.end, p.daysObserved]),
    [
      ['2024-01-01', '2024-01-07', 1],
      ['2024-03-04', '2024-03-10', 1],
    ],
  );
});

t.run();
