import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import * as assert from 'uvu/assert';
import { MongoRateRepository } from '../../src/adapters/mongo/mongo-rate-repository.js';
import { buildFetched } from '../support/builders.js';
import { testDb, type TestDb } from '../support/mongo.js';
import { installPackedPackage, ROOT, type InstalledPackage } from '../support/packed-package.js';
import { suite } from '../support/suite.js';

const run = promisify(execFile);

/**
 * The package as a user gets it: `npm pack`, installed into a scratch project, the service started from
 * it with plain node, and a consumer program using `fxrates/client` under an ordinary strict NodeNext
 * tsconfig (no experimentalDecorators, no skipLibCheck) typechecked, compiled and run against it.
 */
const t = suite<{ db?: TestDb; pkg?: InstalledPackage; service?: ChildProcess; url?: string; log?: string }>(
  'npm pack: the compiled service and the typed client as a package',
  {},
);

const CONSUMER_TSCONFIG = {
  compilerOptions: {
    target: 'ES2022',
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    strict: true,
    types: ['node'],
    outDir: 'dist',
    rootDir: 'src',
  },
  include: ['src'],
};

const CONSUMER_PROGRAM = `import { createClient } from 'fxrates/client';

const [url, date] = process.argv.slice(2);
const fx = createClient(url!);
const day = await fx.rates.byDate.query({ date: date!, base: 'USD', symbols: 'GBP,JPY' });
const latest = await fx.rates.latest.query({ symbols: 'USD' });
// The answers are typed from the server's output schemas, not \`any\`:
const gbp: number | undefined = day.currency_rates.GBP;
const newest: string = latest.date;
// @ts-expect-error a number is not a date: the input schema's type reaches the consumer
void (() => fx.rates.byDate.query({ date: 20240102 }));
console.log(JSON.stringify({ day, latest, gbp, newest }));
`;

/** Every environment variable the service reads about its database, cleared so the child gets only ours. */
function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.MONGODB_URI;
  delete env.MONGODB_DB;
  return { ...env, NODE_ENV: 'production', INGEST_ENABLED: 'false', HOST: '127.0.0.1', PORT: '0', ...extra };
}

/** Starts `node node_modules/fxrates/dist/main/serve.js` and resolves with the URL it says it serves on. */
function startService(ctx: { pkg?: InstalledPackage; db?: TestDb; service?: ChildProcess; log?: string }) {
  const child = spawn(process.execPath, [join(ctx.pkg!.packageDir, 'dist/main/serve.js')], {
    cwd: ctx.pkg!.dir,
    env: childEnv({ MONGODB_URI: ctx.db!.uri, MONGODB_DB: ctx.db!.name, LOG_LEVEL: 'info' }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  ctx.service = child;
  ctx.log = '';
  return new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      ctx.log += chunk.toString();
      const url = /"url":"(http:\/\/[^"]+)"/.exec(ctx.log!)?.[1];
      if (url) resolve(url);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`the packaged service exited at start (${code}):\n${ctx.log}`)));
  });
}

t.before(async (ctx) => {
  ctx.db = await testDb();
  const repo = new MongoRateRepository(ctx.db.db);
  await repo.init();
  await repo.upsertMany([
    buildFetched({ date: '2024-01-02', rates: { EUR: 1, USD: 1.093434, GBP: 0.862, JPY: 156.7 } }),
    buildFetched({ date: '2024-01-03', rates: { EUR: 1, USD: 1.0919, GBP: 0.86265, JPY: 155.93 } }),
  ]);
  ctx.pkg = await installPackedPackage(['@types/node']);
  ctx.url = await startService(ctx);
});
t.after(async (ctx) => {
  const service = ctx.service;
  if (service && service.exitCode === null) {
    const exited = new Promise((resolve) => service.once('exit', resolve));
    service.kill('SIGTERM');
    await exited;
  }
  await ctx.pkg?.dispose();
  await ctx.db?.drop();
});

t('fxrates/client resolves to compiled JS and declarations; the package ships no TypeScript sources', async (ctx) => {
  const manifest = JSON.parse(await readFile(join(ctx.pkg!.packageDir, 'package.json'), 'utf8')) as {
    exports: Record<string, { types: string; default: string }>;
  };
  assert.equal(manifest.exports['./client'], { types: './dist/client.d.ts', default: './dist/client.js' });
  const { stdout } = await run('find', ['.', '-name', '*.ts', '-not', '-name', '*.d.ts'], { cwd: ctx.pkg!.packageDir });
  assert.is(stdout.trim(), '', 'TypeScript sources in the package');
  const declarations = await readFile(join(ctx.pkg!.packageDir, 'dist/client.d.ts'), 'utf8');
  assert.match(declarations, 'export declare function createClient');
});

t(
  'a strict NodeNext consumer typechecks, compiles and runs rates.byDate and rates.latest with plain node',
  async (ctx) => {
    const consumer = join(ctx.pkg!.dir, 'consumer');
    await mkdir(join(consumer, 'src'), { recursive: true });
    await writeFile(
      join(consumer, 'package.json'),
      JSON.stringify({ name: 'consumer', private: true, type: 'module' }),
    );
    await writeFile(join(consumer, 'tsconfig.json'), JSON.stringify(CONSUMER_TSCONFIG));
    await writeFile(join(consumer, 'src/main.ts'), CONSUMER_PROGRAM);
    const tsc = join(ROOT, 'node_modules/typescript/bin/tsc');
    await run(process.execPath, [tsc, '-p', consumer]).catch((e: { stdout?: string }) => {
      throw new Error(`the consumer does not typecheck:\n${e.stdout ?? String(e)}`);
    });
    const { stdout } = await run(process.execPath, [join(consumer, 'dist/main.js'), ctx.url!, '2024-01-02'], {
      cwd: consumer,
    });
    const out = JSON.parse(stdout) as {
      day: { date: string; base: string; currency_rates: Record<string, number>; derived: boolean };
      latest: { date: string; base: string; currency_rates: Record<string, number> };
    };
    assert.is(out.day.date, '2024-01-02');
    assert.is(out.day.base, 'USD');
    // 0.862 / 1.093434 and 156.7 / 1.093434, rounded to 9 significant digits.
    assert.equal(out.day.currency_rates, { GBP: 0.788342049, JPY: 143.309976 });
    assert.is(out.day.derived, true);
    assert.is(out.latest.date, '2024-01-03');
    assert.is(out.latest.base, 'EUR');
    assert.equal(out.latest.currency_rates, { USD: 1.0919 });
  },
);

t('the home page and its assets come from the build (dist/page), with no bundler installed', async (ctx) => {
  assert.not.ok(existsSync(join(ctx.pkg!.dir, 'node_modules/esbuild')), 'esbuild is a build tool only');
  const page = await fetch(`${ctx.url}/`);
  assert.is(page.status, 200);
  assert.is(page.headers.get('cache-control'), 'no-cache');
  const html = await page.text();
  const assets = [...html.matchAll(/"(\/assets\/home-[\w-]+\.(js|css))"/g)].map((m) => m[1]!);
  assert.is(assets.length, 2, 'one script and one stylesheet');
  for (const path of assets) {
    const asset = await fetch(`${ctx.url}${path}`);
    assert.is(asset.status, 200, path);
    assert.is(asset.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    assert.is(await asset.text(), await readFile(join(ctx.pkg!.packageDir, 'dist/page', path), 'utf8'));
  }
});

t('the fxrates command runs from the package with plain node', async (ctx) => {
  const { stdout } = await run(
    process.execPath,
    [join(ctx.pkg!.packageDir, 'bin/fxrates.js'), 'keys', 'new', '--name', 'acme', '--role', 'read'],
    {
      cwd: ctx.pkg!.dir,
    },
  );
  assert.match(stdout, /acme:read:[0-9a-f]{64}/);
});

t('without MONGODB_URI, a production install (no optional dependencies) exits saying so', async (ctx) => {
  const result = await run(process.execPath, [join(ctx.pkg!.packageDir, 'dist/main/serve.js')], {
    cwd: ctx.pkg!.dir,
    env: childEnv({ EMBEDDED_MONGO_DIR: join(ctx.pkg!.dir, 'embedded') }),
  }).then(
    () => ({ code: 0, stderr: '' }),
    (e: { code?: number; stderr?: string }) => ({ code: e.code, stderr: e.stderr ?? '' }),
  );
  assert.is(result.code, 1);
  assert.match(result.stderr, 'MONGODB_URI is not set, and this installation has no embedded database');
});

t.run();
