import * as assert from 'uvu/assert';
import { addDays, daysBetween, eachDate, endOfDay, isoDate, parseIsoDate } from '../../src/domain/iso-date.js';
import { suite } from '../support/suite.js';

const t = suite('IsoDate');

t('accepts real calendar dates, leap days included', () => {
  for (const d of ['2024-01-02', '2024-02-29', '2000-02-29', '1999-12-31']) {
    const r = parseIsoDate(d);
    assert.ok(r.ok, d);
  }
});

t('rejects impossible and malformed dates with a stable code', () => {
  for (const d of [
    '2020-02-30',
    '2020-13-01',
    '2023-02-29',
    '1900-02-29',
    '2024-1-02',
    '20240102',
    '2024-01-02T00:00',
    '',
    'abc',
    '0000-01-01',
  ]) {
    const r = parseIsoDate(d);
    assert.not.ok(r.ok, d);
    if (!r.ok) assert.is(r.error.code, 'RATES.INVALID_DATE');
  }
});

t('does arithmetic across month, year and leap boundaries', () => {
  assert.is(addDays(isoDate('2024-02-28'), 1), '2024-02-29');
  assert.is(addDays(isoDate('2024-03-01'), -1), '2024-02-29');
  assert.is(addDays(isoDate('2023-12-31'), 1), '2024-01-01');
  assert.is(daysBetween(isoDate('2024-01-01'), isoDate('2024-12-31')), 365);
  assert.equal(eachDate(isoDate('2024-02-27'), isoDate('2024-03-01')), [
    '2024-02-27',
    '2024-02-28',
    '2024-02-29',
    '2024-03-01',
  ]);
  assert.is(endOfDay(isoDate('2024-01-02')).toISOString(), '2024-01-03T00:00:00.000Z');
});

t.run();
