import * as assert from 'uvu/assert';
import { diffRates, sameRates } from '../../src/domain/rate-diff.js';
import { dayKey, planUpserts } from '../../src/domain/upsert-plan.js';
import { isProvisional } from '../../src/domain/daily-rates.js';
import { isoDate } from '../../src/domain/iso-date.js';
import { buildFetched } from '../support/builders.js';
import { suite } from '../support/suite.js';

const t = suite('diff, provisional days and the upsert plan');

t('diffRates lists added, removed and changed codes in order', () => {
  assert.equal(diffRates({ A: 1, B: 2, C: 3 }, { B: 2, C: 4, D: 5 }), [
    { code: 'A', before: 1, after: undefined },
    { code: 'C', before: 3, after: 4 },
    { code: 'D', before: undefined, after: 5 },
  ]);
  assert.ok(sameRates({ A: 1, B: 2 }, { B: 2, A: 1 }));
  assert.not.ok(sameRates({ A: 1 }, { A: 1.0000001 }));
  assert.not.ok(sameRates({ A: 1, B: 2 }, { A: 1, C: 2 }), 'same count, another currency');
  assert.not.ok(sameRates({ A: 1 }, { A: 1, B: 2 }), 'one more currency');
});

t('a day is provisional until it has ended in UTC', () => {
  const date = isoDate('2024-01-02');
  assert.ok(isProvisional({ date, fetchedAt: new Date('2024-01-02T23:59:59.999Z') }));
  assert.not.ok(isProvisional({ date, fetchedAt: new Date('2024-01-03T00:00:00Z') }));
});

t('plans inserts, updates and repeats; the later copy of a day in one batch wins', () => {
  const stored = { ...buildFetched({ date: '2024-01-01' }), revision: 3 };
  const current = new Map([[dayKey(stored), stored]]);
  const later = buildFetched({ date: '2024-01-01', fetchedAt: new Date('2024-02-01T00:00:00Z') });
  const plan = planUpserts(
    [
      buildFetched({ date: '2024-01-02', rates: { A: 1 } }),
      later,
      buildFetched({ date: '2024-01-02', rates: { A: 2 } }),
    ],
    current,
  );
  assert.equal(
    plan.map((o) => [o.kind, o.day.date]),
    [
      ['insert', '2024-01-02'],
      ['same', '2024-01-01'],
    ],
  );
  assert.equal(plan[0]!.day.rates, { A: 2 });
  assert.is(plan[1]!.kind === 'same' && plan[1]!.touch, true);
  const changed = planUpserts([buildFetched({ date: '2024-01-01', rates: { A: 9 } })], current);
  assert.is(changed[0]!.kind, 'update');
});

t.run();
