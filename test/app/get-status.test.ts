import * as assert from 'uvu/assert';
import { InMemoryIngestionRunLog } from '../../src/adapters/memory/in-memory-ingestion-run-log.js';
import { InMemoryRateRepository } from '../../src/adapters/memory/in-memory-rate-repository.js';
import { GetStatus, STATUS_DAYS } from '../../src/app/get-status.js';
import type { IngestionReport } from '../../src/domain/ingestion-run.js';
import { isoDate } from '../../src/domain/iso-date.js';
import { buildFetched } from '../support/builders.js';
import { suite } from '../support/suite.js';

const t = suite('GetStatus use case');
const NOW = new Date('2024-06-15T12:00:00Z');
const TICK = new Date('2024-06-16T06:05:00Z');

const report = (over: Partial<IngestionReport> = {}): IngestionReport => ({
  provider: 'fixer',
  planned: [],
  skipped: [],
  fetched: [],
  inserted: [],
  updated: [],
  unchanged: [],
  noPublication: [],
  failed: [],
  stoppedEarly: null,
  dryRun: false,
  deliveredBy: {},
  causes: [],
  ...over,
});

async function setUp(ingestEnabled = true) {
  const repo = new InMemoryRateRepository();
  const runs = new InMemoryIngestionRunLog();
  await repo.upsertMany([
    buildFetched({ date: '2024-06-10' }),
    // Fetched before the day ended: provisional.
    buildFetched({ date: '2024-06-15', fetchedAt: new Date('2024-06-15T10:00:00Z') }),
    // Only the second provider has it: a fallback day.
    buildFetched({ date: '2024-06-12', provider: 'ecb' }),
    // Both: the primary's numbers are what counts.
    buildFetched({ date: '2024-06-13', provider: 'ecb' }),
    buildFetched({ date: '2024-06-13' }),
  ]);
  await repo.recordNoPublication('ecb', [isoDate('2024-06-08'), isoDate('2024-06-09')]);
  await runs.started({
    id: 'a',
    trigger: 'schedule',
    startedAt: new Date('2024-06-14T06:05:00Z'),
    request: 'last 3 days',
  });
  await runs.finished('a', new Date('2024-06-14T06:06:00Z'), {
    report: report({
      inserted: [isoDate('2024-06-12')],
      failed: [{ date: isoDate('2024-06-11'), kind: 'transient', reason: 'secret detail' }],
    }),
    error: null,
  });
  await runs.started({ id: 'b', trigger: 'api', startedAt: new Date('2024-06-15T10:00:00Z'), request: 'dates' });
  const uc = new GetStatus(repo, runs, () => NOW, {
    providers: ['fixer', 'ecb'],
    ingestEnabled,
    nextTick: () => TICK,
  });
  return uc.execute();
}

t('names each day of the last year final, provisional, fallback, no publication or missing', async () => {
  const s = await setUp();
  assert.is(s.days.length, STATUS_DAYS);
  assert.equal([s.from, s.to], ['2023-06-16', '2024-06-15']);
  const of = (date: string) => s.days.find((d) => d.date === date);
  assert.equal(of('2024-06-10'), { date: '2024-06-10', status: 'final', provider: 'fixer' });
  assert.equal(of('2024-06-15'), { date: '2024-06-15', status: 'provisional', provider: 'fixer' });
  assert.equal(of('2024-06-12'), { date: '2024-06-12', status: 'fallback', provider: 'ecb' });
  assert.equal(of('2024-06-13'), { date: '2024-06-13', status: 'final', provider: 'fixer' });
  assert.equal(of('2024-06-09'), { date: '2024-06-09', status: 'no-publication', provider: null });
  assert.equal(of('2024-06-11'), { date: '2024-06-11', status: 'missing', provider: null });
});

t('gives runs newest first with public fields only, and the next tick when ingestion is on', async () => {
  const s = await setUp();
  assert.equal(s.runs, [
    {
      trigger: 'api',
      startedAt: new Date('2024-06-15T10:00:00Z'),
      finishedAt: null,
      outcome: 'running',
      stored: 0,
      failed: 0,
    },
    {
      trigger: 'schedule',
      startedAt: new Date('2024-06-14T06:05:00Z'),
      finishedAt: new Date('2024-06-14T06:06:00Z'),
      outcome: 'partial',
      stored: 1,
      failed: 1,
    },
  ]);
  assert.not.match(JSON.stringify(s.runs), /secret detail|last 3 days/);
  assert.equal(s.nextTick, TICK);
  assert.is((await setUp(false)).nextTick, null);
});

t.run();
