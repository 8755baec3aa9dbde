import * as assert from 'uvu/assert';
import { groupingFor, periodSeries } from '../../src/web/chart-series.js';
import { suite } from '../support/suite.js';

const t = suite('home page chart: how long spans are read and drawn', {});
const at = (date: string) => Date.parse(`${date}T00:00:00Z`) / 1000;

t('day by day up to a year, weekly averages up to five years, monthly beyond', () => {
  assert.is(groupingFor('2024-01-01', '2024-12-31'), 'day');
  assert.is(groupingFor('2023-01-01', '2024-12-31'), 'week');
  assert.is(groupingFor('2020-01-01', '2024-12-31'), 'week');
  assert.is(groupingFor('1999-01-04', '2024-12-31'), 'month');
});

t('one point per period at its first day with its average; a missing period is a gap, not a line', () => {
  const { xs, ys } = periodSeries(
    [
      { period_start: '2024-01-01', period_end: '2024-01-31', average: { USD: 1.09, GBP: 0.86 } },
      { period_start: '2024-02-01', period_end: '2024-02-29', average: { USD: 1.08 } },
      // March is not stored at all.
      { period_start: '2024-04-01', period_end: '2024-04-30', average: { USD: 1.07, GBP: 0.85 } },
    ],
    ['USD', 'GBP'],
  );
  assert.equal(xs, [at('2024-01-01'), at('2024-02-01'), at('2024-03-01'), at('2024-04-01')]);
  assert.equal(ys, [
    [1.09, 1.08, null, 1.07],
    [0.86, null, null, 0.85],
  ]);
});

t.run();
