import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import * as assert from 'uvu/assert';
import { INGEST_USAGE } from '../../../src/adapters/cli/ingest-args.js';
import { MongoRunCoordinator } from '../../../src/adapters/mongo/mongo-run-coordinator.js';
import { INGESTION_LOCK } from '../../../src/app/run-ingestion.js';
import { isPublicationDay, startEcbSandbox } from '../../../src/sandbox/ecb/index.js';
import { RATES_COLLECTION } from '../../../src/adapters/mongo/rate-document.js';
import type { IngestionReport } from '../../../src/domain/ingestion-run.js';
import { addDays, utcDateOf, type IsoDate } from '../../../src/domain/iso-date.js';
import type { FixerSandbox } from '../../../src/sandbox/fixer/index.js';
import { SANDBOX_KEY, startTestSandbox, within } from '../../support/fixer-sandbox.js';
import { testDb, type TestDb } from '../../support/mongo.js';
import { suite } from '../../support/suite.js';

const run = promisify(execFile);
const ROOT = new URL('../../../', import.meta.url).pathname;

interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

interface Ctx {
  t?: TestDb;
  sandbox?: FixerSandbox;
}

const s = suite<Ctx>('fxrates ingest (the real CLI, as a child process)', {});

s.before(async (ctx) => {
  ctx.t = await testDb();
  // The CLI decides "today" from the real clock, so the sandbox must use it too.
  ctx.sandbox = await startTestSandbox({ now: () => new Date() });
});
s.after(async (ctx) => {
  await ctx.sandbox?.close();
  // Bounded: a server left stuck by a run must fail this hook, not hang the whole test run.
  if (ctx.t) await within(5_000, ctx.t.drop(), 'dropping the test database');
});
s.after.each((ctx) => ctx.sandbox?.reset());

function env(ctx: Ctx, overrides: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const e: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    MONGODB_URI: ctx.t!.uri,
    MONGODB_DB: ctx.t!.name,
    FIXER_BASE_URL: ctx.sandbox!.url,
    FIXER_API_KEY: SANDBOX_KEY,
    // Fixer alone: the ECB fallback would reach for the real ECB.
    PROVIDERS: 'fixer',
    ...overrides,
  };
  for (const [k, v] of Object.entries(e)) if (v === undefined) delete e[k];
  return e;
}

/** Runs `fxrates ingest ARGS`; resolves with the exit code and outputs whatever the code. */
const ingest = (ctx: Ctx, args: string[], overrides: Record<string, string | undefined> = {}) =>
  fxrates(ctx, ['ingest', ...args], overrides);

/** Runs `fxrates ARGS`; resolves with the exit code and outputs whatever the code. */
async function fxrates(
  ctx: Ctx,
  args: string[],
  overrides: Record<string, string | undefined> = {},
): Promise<CliResult> {
  let result: CliResult;
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'src/main/cli.ts', ...args], {
      cwd: ROOT,
      env: env(ctx, overrides),
      timeout: 15_000,
    });
    result = { code: 0, stdout, stderr };
  } catch (e) {
    const x = e as { code?: unknown; signal?: unknown; stdout?: string; stderr?: string };
    if (typeof x.code !== 'number')
      throw new Error(
        `ingest ${args.join(' ')} did not exit normally (signal ${String(x.signal)}): ${String(x.stderr)}`,
        { cause: e },
      );
    result = { code: x.code, stdout: x.stdout ?? '', stderr: x.stderr ?? '' };
  }
  // Whatever the run did, the key must never be printed.
  assert.not.match(result.stdout, SANDBOX_KEY, `the key leaked on stdout of ingest ${args.join(' ')}`);
  assert.not.match(result.stderr, SANDBOX_KEY, `the key leaked on stderr of ingest ${args.join(' ')}`);
  return result;
}

/** The JSON a run printed; fails with the run's stderr when there is none. */
function printed<T>(r: CliResult): T {
  try {
    return JSON.parse(r.stdout) as T;
  } catch {
    throw new Error(`expected JSON on stdout (exit ${r.code}); stderr:\n${r.stderr}`);
  }
}

const today = (): IsoDate => utcDateOf(new Date());
const daysBefore = (n: number): IsoDate[] => Array.from({ length: n }, (_, i) => addDays(today(), i - n));

s('--days 3 --json stores 3 days; a second run and a --dry-run skip them without asking the provider', async (ctx) => {
  const expected = daysBefore(3);
  const first = await ingest(ctx, ['--days', '3', '--json']);
  assert.is(first.code, 0, first.stderr);
  const report = printed<IngestionReport>(first);
  assert.is(report.provider, 'fixer');
  assert.equal(report.planned, expected);
  assert.equal(report.inserted, expected);
  assert.equal(report.failed, []);
  assert.is(report.dryRun, false);
  const stored = await ctx
    .t!.db.collection(RATES_COLLECTION)
    .find({}, { projection: { date: 1 } })
    .toArray();
  assert.equal(stored.map((d) => d.date).sort(), expected);
  const requests = ctx.sandbox!.requests.count;
  assert.ok(requests >= 1);

  const again = await ingest(ctx, ['--days', '3', '--json']);
  assert.is(again.code, 0, again.stderr);
  const second = printed<IngestionReport>(again);
  assert.equal(second.planned, []);
  assert.equal(second.skipped, expected);
  assert.equal([second.fetched, second.inserted, second.failed], [[], [], []]);
  assert.is(ctx.sandbox!.requests.count, requests, 'nothing was asked of the provider');

  const dry = await ingest(ctx, ['--dry-run', '--days', '5']);
  assert.is(dry.code, 0, dry.stderr);
  const five = daysBefore(5);
  assert.match(dry.stdout, 'dry run: 5 days asked, 2 to fetch, 3 already final');
  assert.match(dry.stdout, `fixer at ${ctx.sandbox!.url}: 1 request(s)`);
  assert.match(dry.stdout, `would fetch (2): ${five[0]}..${five[1]}`);
  assert.match(dry.stdout, `already final (3): ${expected[0]}..${expected[2]}`);
  assert.is(ctx.sandbox!.requests.count, requests, 'a dry run asks nothing of the provider');
  assert.is(await ctx.t!.db.collection(RATES_COLLECTION).countDocuments(), 3, 'and stores nothing');
});

s('a day without rates fails as permanent (exit 1); a backwards range and a missing key exit 2', async (ctx) => {
  // A sandbox of its own, so its requests cannot be confused with the other runs' below.
  const faulty = await startTestSandbox({ now: () => new Date() });
  try {
    const [bad, good] = [addDays(today(), -12), addDays(today(), -9)];
    faulty.set({ dateErrors: [{ dates: [bad], code: 106 }] });
    // Runs at once: they are independent, and each CLI start costs most of a second.
    const [json, range, noKey] = await Promise.all([
      ingest(ctx, ['--date', bad, '--date', good, '--refresh', '--json'], { FIXER_BASE_URL: faulty.url }),
      ingest(ctx, ['--from', '2024-02-01', '--to', '2024-01-01']),
      ingest(ctx, ['--days', '1'], { FIXER_API_KEY: undefined }),
    ]);

    assert.is(json.code, 1, json.stderr);
    const report = printed<IngestionReport>(json);
    assert.equal(report.planned, [bad, good]);
    assert.is(report.failed.length, 1);
    assert.is(report.failed[0]?.date, bad);
    assert.is(report.failed[0]?.kind, 'permanent');
    assert.equal(report.fetched, [good]);
    assert.ok(await ctx.t!.db.collection(RATES_COLLECTION).findOne({ date: good }), 'the good day is stored');
    assert.is(await ctx.t!.db.collection(RATES_COLLECTION).findOne({ date: bad }), null, 'the failed day is not');
    assert.ok(faulty.requests.count >= 1);

    // Arguments the use case refuses: exit 2, its reason (not the whole usage) on stderr, nothing on stdout.
    assert.is(range.code, 2);
    assert.match(range.stderr, 'from (2024-02-01) is after to (2024-01-01) (see fxrates ingest --help)');
    assert.not.match(range.stderr, INGEST_USAGE);
    assert.is(range.stdout, '');

    // No key: exit 2, saying so.
    assert.is(noKey.code, 2);
    assert.match(noKey.stderr, /no provider can run.*FIXER_API_KEY/);
    assert.is(noKey.stdout, '');
    assert.is(ctx.sandbox!.requests.count, 0, 'none of the refused runs asked the provider');
  } finally {
    await faulty.close();
  }
});

s('--help for the tool and each command exits 0 without configuration; bad arguments name the flag', async (ctx) => {
  const top = await fxrates(ctx, ['--help'], { MONGODB_URI: 'not a uri' });
  const ingestHelp = await fxrates(ctx, ['ingest', '--help'], { MONGODB_URI: 'not a uri' });
  const keysHelp = await fxrates(ctx, ['keys', 'new', '--help']);
  const serveHelp = await fxrates(ctx, ['serve', '--help'], { MONGODB_URI: 'not a uri' });
  const badName = await fxrates(ctx, ['keys', 'new', '--name', 'bad name', '--role', 'read']);
  const large = await ingest(ctx, ['--from', '2015-01-01', '--to', '2024-01-01', '--dry-run']);
  const unknown = await fxrates(ctx, ['nonsense']);
  assert.is(top.code, 0, top.stderr);
  assert.match(top.stdout, 'Usage: fxrates <command>');
  assert.match(top.stdout, '3 another ingestion holds the lock');
  for (const command of ['serve', 'ingest', 'keys']) assert.match(top.stdout, `\n  ${command} `);
  assert.is(serveHelp.code, 0, serveHelp.stderr);
  assert.match(serveHelp.stdout, 'Usage: fxrates serve');
  assert.is(ingestHelp.code, 0, ingestHelp.stderr);
  assert.is(ingestHelp.stdout.trim(), INGEST_USAGE);
  assert.is(keysHelp.code, 0, keysHelp.stderr);
  assert.match(keysHelp.stdout, 'Usage: fxrates keys new');
  assert.is(badName.code, 2);
  assert.match(badName.stderr, '--name "bad name" is not valid');
  assert.not.match(badName.stderr, 'is required');
  assert.is(large.code, 2);
  assert.match(large.stderr, '3288 days is more than five years; confirm to fetch that much: add --yes to confirm.');
  assert.is(unknown.code, 2);
  assert.match(unknown.stderr, 'unknown command: nonsense');
});

s('a five-year --dry-run prints a summary with ranges and its cost; --json lists every date', async (ctx) => {
  const [text, json] = await Promise.all([
    ingest(ctx, ['--from', '2019-01-01', '--to', '2023-12-31', '--dry-run']),
    ingest(ctx, ['--from', '2019-01-01', '--to', '2023-12-31', '--dry-run', '--json']),
  ]);
  assert.is(text.code, 0, text.stderr);
  assert.equal(text.stdout.trim().split('\n'), [
    'dry run: 1826 days asked, 1826 to fetch, 0 already final',
    `  fixer at ${ctx.sandbox!.url}: 6 request(s); one timeseries request per span of up to 365 days (day by day if the plan refuses timeseries)`,
    'would fetch (1826): 2019-01-01..2023-12-31',
    'already final (0): -',
    'fxrates ingest --dry-run --json lists every date.',
  ]);
  assert.is(printed<{ plan: { fetch: string[] } }>(json).plan.fetch.length, 1826);
  assert.is(ctx.sandbox!.requests.count, 0);
});

s('another ingestion holds the lock: exit 3 with the reason, not the usage', async (ctx) => {
  const lock = new MongoRunCoordinator(ctx.t!.db);
  await lock.init();
  assert.ok(await lock.acquire(INGESTION_LOCK, 60_000));
  try {
    const busy = await ingest(ctx, ['--days', '2']);
    assert.is(busy.code, 3, busy.stderr);
    assert.match(busy.stderr, 'another ingestion is running');
    assert.not.match(busy.stderr, 'Usage:');
    assert.is(ctx.sandbox!.requests.count, 0);
  } finally {
    await lock.release(INGESTION_LOCK);
  }
});

s('a rejected Fixer key costs one request; the ECB stands in, said first on stdout and as a warning', async (ctx) => {
  const ecb = await startEcbSandbox({ now: () => new Date() });
  try {
    const weekdays: IsoDate[] = [];
    for (let d = addDays(today(), -2); weekdays.length < 4; d = addDays(d, -1)) {
      if (isPublicationDay(d)) weekdays.unshift(d);
    }
    const dates = weekdays.flatMap((d) => ['--date', d]);
    const r = await ingest(ctx, [...dates, '--refresh'], {
      PROVIDERS: 'fixer,ecb',
      FIXER_API_KEY: 'a-rejected-key',
      FIXER_TIMESERIES: 'off',
      ECB_BASE_URL: ecb.url,
      INGEST_CONCURRENCY: '4',
    });
    assert.is(r.code, 0, r.stderr);
    assert.is(ctx.sandbox!.requests.count, 1, 'one request with the rejected key, whatever the concurrency');
    const [first] = r.stdout.split('\n');
    assert.match(first ?? '', /^fixer: Fixer rejected the API key \(Fixer error 101/);
    assert.match(first ?? '', '; out of this run; ecb delivered 4 days instead');
    assert.match(r.stderr, /warning: fixer: Fixer rejected the API key .*ecb delivered 4 days instead/);
    const [run] = await ctx.t!.db.collection('ingestion_runs').find({}).sort({ startedAt: -1 }).limit(1).toArray();
    assert.equal(run?.report.deliveredBy, { ecb: 4 });
    assert.is(run?.report.causes.length, 1);
    assert.is(run?.report.causes[0].providerWide, true);
  } finally {
    await ecb.close();
  }
});

s.run();
