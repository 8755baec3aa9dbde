import { randomBytes } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { addDays, isoDate, utcDateOf } from '../src/domain/iso-date.js';
import { startFixerSandbox } from '../src/sandbox/fixer/index.js';
import { ingestStack } from '../test/support/ingest-stack.js';

export interface IngestRow {
  readonly mode: string;
  readonly concurrency: number;
  readonly timeseries: 'on' | 'off';
  readonly wallMs: number;
  readonly daysPerSecond: number;
  /** Requests the sandbox received (the currency-names request after a run included). */
  readonly requests: number;
  /** Wall time of (a) over this one's: how many times faster. */
  readonly speedup: number;
}

export interface IngestResult {
  readonly days: number;
  readonly latencyMs: number;
  readonly rows: IngestRow[];
}

const MODES = [
  { mode: '(a) day by day, concurrency 1', concurrency: 1, timeseries: 'off' },
  { mode: '(b) day by day, default concurrency', concurrency: 4, timeseries: 'off' },
  { mode: '(c) timeseries', concurrency: 4, timeseries: 'on' },
] as const;

const KEY = 'bench-sandbox-key';
/** A fixed "now" for the sandbox and the service, so every run asks for the same days. */
const NOW = new Date('2024-06-15T12:00:00Z');

/**
 * Backfills `days` days from the Fixer sandbox (with added latency per request) into a fresh database
 * per mode, with the production resilience settings, and times each whole run.
 */
export async function benchIngestion(o: {
  mongoUri: string;
  days: number;
  latencyMs: number;
  log: (line: string) => void;
}): Promise<IngestResult> {
  const sandbox = await startFixerSandbox({ key: KEY, plan: 'paid', latencyMs: o.latencyMs, now: () => NOW });
  const client = await MongoClient.connect(o.mongoUri, { serverSelectionTimeoutMS: 5000 });
  const to = addDays(utcDateOf(NOW), -1);
  const from = addDays(to, 1 - o.days);
  const rows: IngestRow[] = [];
  try {
    for (const m of MODES) {
      const db = client.db(`fxrates_bench_ingest_${randomBytes(4).toString('hex')}`);
      try {
        const stack = await ingestStack({
          db,
          fixerUrl: sandbox.url,
          apiKey: KEY,
          fixer: { timeseries: m.timeseries },
          concurrency: m.concurrency,
          now: () => NOW,
        });
        sandbox.reset();
        o.log(`ingesting ${o.days} days: ${m.mode}...`);
        const started = performance.now();
        const r = await stack.ingest.execute(
          { target: { kind: 'range', from: isoDate(from), to: isoDate(to) }, refresh: false, confirmLarge: true },
          { trigger: 'cli' },
        );
        const wallMs = performance.now() - started;
        if (!r.ok) throw new Error(`${m.mode}: ${r.error.message}`);
        const stored = r.value.report.inserted.length;
        if (stored !== o.days) throw new Error(`${m.mode}: stored ${stored} of ${o.days} days`);
        rows.push({
          mode: m.mode,
          concurrency: m.concurrency,
          timeseries: m.timeseries,
          wallMs,
          daysPerSecond: o.days / (wallMs / 1000),
          requests: sandbox.requests.count,
          speedup: 1,
        });
      } finally {
        await db.dropDatabase().catch(() => {});
      }
    }
  } finally {
    await sandbox.close();
    await client.close();
  }
  const base = rows[0]?.wallMs ?? NaN;
  return { days: o.days, latencyMs: o.latencyMs, rows: rows.map((r) => ({ ...r, speedup: base / r.wallMs })) };
}
