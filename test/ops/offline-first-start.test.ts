import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as assert from 'uvu/assert';
import { suite } from '../support/suite.js';

const ROOT = new URL('../..', import.meta.url).pathname;

/** `npm start` without MONGODB_URI on a machine that cannot download mongod (nothing listens where it asks). */
const t = suite<{ home?: string }>('first start offline', {});
t.before.each(async (ctx) => {
  ctx.home = await mkdtemp(join(tmpdir(), 'fxrates-offline-'));
});
t.after.each(async (ctx) => {
  if (ctx.home) await rm(ctx.home, { recursive: true, force: true });
});

t('one clear paragraph on stderr, no stack, no empty data directory left behind', async (ctx) => {
  const dataDir = join(ctx.home!, '.data', 'mongo');
  const { code, stdout, stderr } = await new Promise<{ code: number | null; stdout: string; stderr: string }>(
    (resolve) => {
      execFile(
        process.execPath,
        ['--import', 'tsx', 'src/main/serve.ts'],
        {
          cwd: ROOT,
          // A guard against a hang, not a speed check.
          timeout: 120_000,
          env: {
            PATH: process.env.PATH,
            HOME: ctx.home,
            PORT: '0',
            INGEST_ENABLED: 'false',
            EMBEDDED_MONGO_DIR: dataDir,
            // An empty binary cache, and a download mirror nothing answers on: offline, as far as it can tell.
            MONGOMS_DOWNLOAD_DIR: join(ctx.home!, 'binaries'),
            MONGOMS_DOWNLOAD_MIRROR: 'https://127.0.0.1:9',
          },
        },
        (e, stdout, stderr) => resolve({ code: e ? ((e as { code?: number }).code ?? null) : 0, stdout, stderr }),
      );
    },
  );
  assert.is(code, 1, stderr);
  const lines = stderr.trim().split('\n');
  assert.is(lines.length, 1, `one paragraph, got:\n${stderr}`);
  assert.match(lines[0]!, /^fxrates failed to start: the embedded MongoDB could not start/);
  assert.match(lines[0]!, 'MONGODB_URI=mongodb://127.0.0.1:27017/');
  assert.match(lines[0]!, 'ECONNREFUSED');
  assert.not.match(stderr, /^\s+at /m, 'no stack trace');
  assert.is(stdout, '');
  assert.not.ok(existsSync(dataDir), 'no empty .data/mongo');
  assert.not.ok(existsSync(join(ctx.home!, '.data')), 'nor its parent, which this start created');
});

t.run();
