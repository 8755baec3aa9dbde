import * as assert from 'uvu/assert';
import { planIngestion, type IngestionRequest, type IngestionTarget } from '../../src/domain/ingestion-plan.js';
import { isoDate, type IsoDate } from '../../src/domain/iso-date.js';
import type { StoredDay } from '../../src/domain/rate-repository.js';
import { suite } from '../support/suite.js';

const t = suite('planIngestion');
const TODAY = isoDate('2024-06-15');
const req = (target: IngestionTarget, more: Partial<IngestionRequest> = {}): IngestionRequest => ({
  target,
  refresh: false,
  confirmLarge: false,
  ...more,
});
// Fetched a minute after the day ended: final.
const final = (date: string): StoredDay => ({
  date: isoDate(date),
  provider: 'fixer',
  fetchedAt: new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000 + 60_000),
});
const provisional = (date: string): StoredDay => ({
  date: isoDate(date),
  provider: 'fixer',
  fetchedAt: new Date(`${date}T12:00:00Z`),
});

t('default: the 10 days before today, today excluded', () => {
  const r = planIngestion(req({ kind: 'recent', days: 10 }), TODAY, []);
  assert.ok(r.ok);
  if (!r.ok) return;
  assert.is(r.value.fetch.length, 10);
  assert.is(r.value.fetch[0], '2024-06-05');
  assert.is(r.value.fetch.at(-1), '2024-06-14');
});

t('skips final days, fetches missing and provisional ones', () => {
  const r = planIngestion(req({ kind: 'recent', days: 3 }), TODAY, [final('2024-06-12'), provisional('2024-06-13')]);
  assert.ok(r.ok);
  if (!r.ok) return;
  assert.equal(r.value.skip, ['2024-06-12']);
  assert.equal(r.value.fetch, ['2024-06-13', '2024-06-14']);
});

t('refresh fetches every asked day', () => {
  const r = planIngestion(req({ kind: 'dates', dates: [isoDate('2024-06-12')] }, { refresh: true }), TODAY, [
    final('2024-06-12'),
  ]);
  assert.ok(r.ok);
  if (r.ok) assert.equal(r.value.fetch, ['2024-06-12']);
});

t('dates are de-duplicated and sorted; today may be asked for explicitly', () => {
  const dates = ['2024-06-15', '2024-06-01', '2024-06-15'].map(isoDate) as IsoDate[];
  const r = planIngestion(req({ kind: 'dates', dates }), TODAY, []);
  assert.ok(r.ok);
  if (r.ok) assert.equal(r.value.fetch, ['2024-06-01', '2024-06-15']);
});

t('rejects future days, reversed ranges and over five years without confirmation', () => {
  const codes = [
    req({ kind: 'dates', dates: [isoDate('2024-06-16')] }),
    req({ kind: 'range', from: isoDate('2024-06-01'), to: isoDate('2024-06-16') }),
    req({ kind: 'range', from: isoDate('2024-06-02'), to: isoDate('2024-06-01') }),
    req({ kind: 'range', from: isoDate('2018-01-01'), to: isoDate('2024-06-01') }),
    req({ kind: 'recent', days: 0 }),
  ].map((r) => {
    const p = planIngestion(r, TODAY, []);
    return p.ok ? 'ok' : p.error.code;
  });
  assert.equal(codes, [
    'RATES.FUTURE_DATE',
    'RATES.FUTURE_DATE',
    'RATES.INVALID_RANGE',
    'RATES.INVALID_RANGE',
    'RATES.INVALID_RANGE',
  ]);
  const confirmed = planIngestion(
    req({ kind: 'range', from: isoDate('2018-01-01'), to: isoDate('2024-06-01') }, { confirmLarge: true }),
    TODAY,
    [],
  );
  assert.ok(confirmed.ok);
});

t.run();
