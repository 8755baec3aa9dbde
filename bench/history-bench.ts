import { MongoClient } from 'mongodb';
import { ECB_DEFAULTS, createEcbPolicy, EcbRateProvider } from '../src/adapters/ecb/index.js';
import { MongoCurrencyCatalog } from '../src/adapters/mongo/mongo-currency-catalog.js';
import { MongoIngestionRunLog } from '../src/adapters/mongo/mongo-ingestion-run-log.js';
import { MongoRateRepository } from '../src/adapters/mongo/mongo-rate-repository.js';
import { ExportRange } from '../src/app/export-range.js';
import { GetGroupedRange } from '../src/app/get-grouped-range.js';
import { IngestRates } from '../src/app/ingest-rates.js';
import { TOKENS } from '../src/app/tokens.js';
import { isoDate } from '../src/domain/iso-date.js';
import { silentLogger } from '../src/domain/logger.js';
import { startEcbSandbox } from '../src/sandbox/ecb/index.js';
import { testContainer } from '../test/support/container.js';
import { benchHistoryDays } from './history-days-bench.js';
import type { ServingRow } from './serving-bench.js';
import type { LoadClient } from './ceiling.js';

export interface HistoryResult {
  readonly days: number;
  readonly backfillMs: number;
  readonly daysPerSecond: number;
  /** Every stored day read through the export stream (all currencies), and the heap's growth meanwhile. */
  readonly streamMs: number;
  readonly streamHeapGrowthBytes: number;
  /** 25 years by month, two symbols, as the grouped JSON answer builds it. */
  readonly monthlyMs: number;
  readonly months: number;
  /** Random calendar days of the history through the service, next to the bare server. */
  readonly randomDays: ServingRow;
}

/** The ECB sandbox's "now": just after the publication of Friday 2024-06-14. */
const NOW = new Date('2024-06-14T16:00:00Z');

/**
 * The full-history backfill (`npm run ingest -- --from 1999-01-04 --yes` with the ECB: one
 * eurofxref-hist.xml request) into a fresh database, then the whole history streamed and a 25-year
 * monthly series, all in this process against the real MongoDB-wire server.
 */
export async function benchHistory(o: {
  mongoUri: string;
  seconds: number;
  rounds: number;
  connections: number;
  client: LoadClient;
  log: (line: string) => void;
}): Promise<HistoryResult> {
  const sandbox = await startEcbSandbox({ now: () => NOW });
  const client = await MongoClient.connect(o.mongoUri, { serverSelectionTimeoutMS: 5000 });
  const dbName = `bench_history_${Date.now()}`;
  const db = client.db(dbName);
  try {
    const options = { ...ECB_DEFAULTS, baseUrl: sandbox.url };
    const provider = new EcbRateProvider(options, createEcbPolicy(options, silentLogger), silentLogger, () => NOW);
    const repo = new MongoRateRepository(db);
    const runs = new MongoIngestionRunLog(db);
    const catalog = new MongoCurrencyCatalog(db);
    await Promise.all([repo.init(), runs.init(), catalog.init()]);
    const c = testContainer({ repo, catalog, provider, now: () => NOW, env: { PROVIDERS: 'ecb' } });
    c.register(TOKENS.IngestionRunLog, { useValue: runs });

    o.log('history: backfilling 1999-01-04 to 2024-06-14 from the ECB sandbox');
    const started = performance.now();
    const request = { target: { kind: 'range', from: isoDate('1999-01-04'), to: isoDate('2024-06-14') } } as const;
    const r = await c
      .resolve(IngestRates)
      .execute({ ...request, refresh: false, confirmLarge: true }, { trigger: 'cli' });
    const backfillMs = performance.now() - started;
    if (!r.ok) throw new Error('the history backfill failed');
    const days = r.value.report.inserted.length;

    o.log('history: streaming every day');
    const before = process.memoryUsage().heapUsed;
    let peak = before;
    const streamStart = performance.now();
    const exported = await c.resolve(ExportRange).execute({ from: '1999-01-04', to: '2024-06-14' });
    if (!exported.ok || exported.value.group !== undefined) throw new Error('the export failed');
    for await (const _day of exported.value.rows) peak = Math.max(peak, process.memoryUsage().heapUsed);
    const streamMs = performance.now() - streamStart;

    o.log('history: 25 years by month');
    const monthlyStart = performance.now();
    const monthly = await c
      .resolve(GetGroupedRange)
      .execute({ from: '1999-06-01', to: '2024-05-31', symbols: ['USD', 'JPY'], group: 'month' });
    const monthlyMs = performance.now() - monthlyStart;
    if (!monthly.ok) throw new Error('the monthly series failed');

    const randomDays = await benchHistoryDays({
      ...o,
      dbName,
      from: isoDate('1999-01-04'),
      to: isoDate('2024-06-14'),
    });
    return {
      randomDays,
      days,
      backfillMs,
      daysPerSecond: days / (backfillMs / 1000),
      streamMs,
      streamHeapGrowthBytes: peak - before,
      monthlyMs,
      months: monthly.value.periods.length,
    };
  } finally {
    await db.dropDatabase().catch(() => undefined);
    await client.close();
    await sandbox.close();
  }
}
