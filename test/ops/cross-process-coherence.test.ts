import { execFile } from 'node:child_process';
import { request } from 'node:http';
import { promisify } from 'node:util';
import * as assert from 'uvu/assert';
import { spawnServer, ROOT, type ServerProcess } from '../support/child-process.js';
import { MongoRateRepository } from '../../src/adapters/mongo/mongo-rate-repository.js';
import { currency } from '../../src/domain/currency.js';
import { addDays, utcDateOf, type IsoDate } from '../../src/domain/iso-date.js';
import { syntheticRates } from '../../src/sandbox/fixer/synthetic-rates.js';
import type { FixerSandbox } from '../../src/sandbox/fixer/index.js';
import { SANDBOX_KEY, startTestSandbox } from '../support/fixer-sandbox.js';
import { freePort } from '../support/free-port.js';
import { testDb, type TestDb } from '../support/mongo.js';
import { suite } from '../support/suite.js';

const run = promisify(execFile);

/**
 * Several real processes on one real database: two service processes, one `npm start` with
 * WORKERS=2, and the CLI. The CLI refreshes a final day whose stored values the provider has since
 * revised; every process must serve the new values, with new ETags, within 2 s (the consistency bound
 * the README states), on every route that depends on that day.
 */
interface Ctx {
  db?: TestDb;
  sandbox?: FixerSandbox;
  services: ServerProcess[];
  workers?: ServerProcess;
}

const t = suite<Ctx>('Coherent caches across processes (two services, WORKERS=2, the CLI)', { services: [] });

/** Yesterday: a final day, the newest stored, so that latest and convert depend on it too. */
const DAY: IsoDate = addDays(utcDateOf(new Date()), -1);
const BEFORE: IsoDate = addDays(DAY, -1);
/** What the sandbox serves for DAY: the "revised" values the refresh brings. */
const revised = syntheticRates(DAY, 'EUR');

function env(ctx: Ctx): Record<string, string> {
  return {
    MONGODB_URI: ctx.db!.uri,
    MONGODB_DB: ctx.db!.name,
    FIXER_BASE_URL: ctx.sandbox!.url,
    FIXER_API_KEY: SANDBOX_KEY,
    PROVIDERS: 'fixer',
    INGEST_ENABLED: 'false',
    RATE_LIMIT_PER_MINUTE: '0',
    LOG_LEVEL: 'warn',
  };
}

/** `npm start` with WORKERS=2, as ServerProcess-like: its URL once /healthz answers. */
async function startWorkers(ctx: Ctx): Promise<ServerProcess> {
  const port = await freePort();
  const { spawn } = await import('node:child_process');
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main/serve.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, ...env(ctx), WORKERS: '2', PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let printed = '';
  child.stdout!.on('data', (c: Buffer) => void (printed += c.toString()));
  child.stderr!.on('data', (c: Buffer) => void (printed += c.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    const up = await get(url, '/healthz').then(
      (r) => r.status === 200,
      () => false,
    );
    if (up) break;
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`WORKERS=2 did not start:\n${printed}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    pid: child.pid!,
    alive: () => child.exitCode === null,
    memory: () => null,
    output: () => printed,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** One GET on its own connection, so that under WORKERS=2 requests land on either worker. */
function get(base: string, path: string): Promise<{ status: number; etag: string | undefined; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, { agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode!, etag: res.headers.etag as string | undefined, body }));
    });
    req.on('error', reject).end();
  });
}

/** As every answer gives numbers it derives (a conversion): 9 significant digits. */
const nine = (x: number) => Number(x.toPrecision(9));

const trpcInput = (input: unknown) => encodeURIComponent(JSON.stringify(input));

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Body = any;

/** Each route that depends on DAY, and how to read DAY's EUR→JPY rate from its answer. */
const ROUTES: { path: string; jpy: (body: Body) => number }[] = [
  { path: `/rates/${DAY}?symbols=JPY`, jpy: (b) => b.currency_rates.JPY },
  {
    path: `/trpc/rates.byDate?input=${trpcInput({ date: DAY, symbols: 'JPY' })}`,
    jpy: (b) => b.result.data.currency_rates.JPY,
  },
  { path: '/rates/latest?symbols=JPY', jpy: (b) => b.currency_rates.JPY },
  { path: `/trpc/rates.latest?input=${trpcInput({ symbols: 'JPY' })}`, jpy: (b) => b.result.data.currency_rates.JPY },
  { path: '/convert?from=EUR&to=JPY&amount=1', jpy: (b) => b.result },
  { path: `/rates?from=${BEFORE}&to=${DAY}&symbols=JPY`, jpy: (b) => b.rates.at(-1).currency_rates.JPY },
];

t.before(async (ctx) => {
  ctx.db = await testDb();
  ctx.sandbox = await startTestSandbox({ now: () => new Date() });
  // What was stored before the provider revised DAY: every value 1 % off.
  const repo = new MongoRateRepository(ctx.db.db);
  await repo.init();
  const stored = Object.fromEntries(Object.entries(revised).map(([k, v]) => [k, k === 'EUR' ? v : nine(v * 1.01)]));
  await repo.upsertMany(
    [BEFORE, DAY].map((date) => ({
      date,
      base: currency('EUR'),
      provider: 'fixer',
      rates: date === DAY ? stored : syntheticRates(date, 'EUR'),
      sourceTimestamp: null,
      fetchedAt: new Date(`${addDays(date, 1)}T01:00:00Z`),
    })),
  );
  ctx.services = await Promise.all([0, 1].map(() => spawnServer({ entry: 'bench/serve.ts', env: env(ctx) })));
  ctx.workers = await startWorkers(ctx);
});

t.after(async (ctx) => {
  await Promise.all([...ctx.services, ...(ctx.workers ? [ctx.workers] : [])].map((s) => s.stop()));
  await ctx.sandbox?.close();
  await ctx.db?.drop();
});

t('a refresh by the CLI is served by every process within 2 s, on every route, with new ETags', async (ctx) => {
  const bases = [...ctx.services.map((s) => s.url), ctx.workers!.url];
  const old = nine(revised.JPY! * 1.01);
  const before = new Map<string, string | undefined>();
  for (const base of bases) {
    for (const route of ROUTES) {
      // Twice on WORKERS=2 (either worker), and so that every cache holds the answer.
      for (let i = 0; i < 3; i++) {
        const r = await get(base, route.path);
        assert.is(r.status, 200, `${base}${route.path}: ${r.body}`);
        assert.is(route.jpy(JSON.parse(r.body)), old, `${route.path} before the refresh`);
        before.set(`${base}${route.path}`, r.etag);
      }
    }
  }

  const cli = await run(
    process.execPath,
    ['--import', 'tsx', 'src/main/cli.ts', 'ingest', '--date', DAY, '--refresh', '--json'],
    {
      cwd: ROOT,
      env: { PATH: process.env.PATH, ...env(ctx) },
      timeout: 30_000,
    },
  );
  const written = Date.now();
  assert.match(cli.stdout, /"updated"/);

  // Every process, every route: the new value within 2 s of the CLI's exit.
  const pending = new Set(bases.flatMap((b) => ROUTES.map((r) => [b, r] as const)));
  const lateBy = new Map<string, string>();
  while (pending.size > 0 && Date.now() - written <= 2_000) {
    for (const entry of [...pending]) {
      const [base, route] = entry;
      const r = await get(base, route.path);
      if (r.status === 200 && route.jpy(JSON.parse(r.body)) === nine(revised.JPY!)) {
        assert.is.not(r.etag, before.get(`${base}${route.path}`), `${route.path}: a new ETag`);
        pending.delete(entry);
      } else lateBy.set(`${base}${route.path}`, r.body.slice(0, 200));
    }
    if (pending.size > 0) await new Promise((r) => setTimeout(r, 100));
  }
  assert.equal(
    [...pending].map(([b, r]) => `${b}${r.path}: ${lateBy.get(`${b}${r.path}`)}`),
    [],
    'still served old values 2 s after the refresh',
  );
  // And they stay new once the bound has passed for every process: on WORKERS=2 each request may land
  // on the other worker, which may still be within its own 2 s when the first one answered new.
  await new Promise((r) => setTimeout(r, Math.max(0, written + 2_000 - Date.now())));
  for (const base of bases) {
    for (const route of ROUTES) {
      for (let i = 0; i < 3; i++)
        assert.is(route.jpy(JSON.parse((await get(base, route.path)).body)), nine(revised.JPY!));
    }
  }
});

t.run();
