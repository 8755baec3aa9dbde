import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import * as assert from 'uvu/assert';
import { INGEST_USAGE } from '../../../src/adapters/cli/ingest-args.js';
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
async function ingest(
  ctx: Ctx,
  args: string[],
  overrides: Record<string, string | undefined> = {},
): Promise<CliResult> {
  let result: CliResult;
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      ['--import', 'tsx', 'src/adapters/cli/main.ts', 'ingest', ...args],
      {
        cwd: ROOT,
        env: env(ctx, overrides),
        timeout: 15_000,
      },
    );
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
  assert.match(dry.stdout, `would fetch (2): ${five[0]}, ${five[1]}`);
  assert.match(dry.stdout, `already final (3): ${expected.join(', ')}`);
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

    // Bad arguments: exit 2, the problem and the usage text on stderr, nothing on stdout.
    assert.is(range.code, 2);
    assert.match(range.stderr, 'from (2024-02-01) is after to (2024-01-01)');
    assert.match(range.stderr, INGEST_USAGE);
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

s.run();
