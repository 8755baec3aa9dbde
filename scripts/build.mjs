#!/usr/bin/env node
/**
 * Compiles src/ into dist/ (JS, declarations, source maps) with tsconfig.build.json, from a clean dist/
 * so that files deleted from src/ do not linger in the build.
 * `--if-stale` (what `npm start`, `npm run ingest` and bin/fxrates.js use) compiles only when dist/ is
 * missing or older than a file under src/ or a tsconfig, so `npm install && npm start` works on a fresh
 * clone and costs nothing once built. Compiler output goes to stderr: stdout stays the command's own.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rewriteClientDeclarations } from './client-declarations.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = join(root, 'dist');
/** Written after a successful build, dated when the build started: a source saved during it counts as newer. */
const stamp = join(dist, '.built');

function newestSource(dir) {
  return readdirSync(dir, { withFileTypes: true }).reduce((newest, entry) => {
    const path = join(dir, entry.name);
    return Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }, 0);
}

export function isStale() {
  if (!existsSync(stamp)) return true;
  const inputs = Math.max(
    newestSource(join(root, 'src')),
    ...['tsconfig.json', 'tsconfig.build.json'].map((f) => statSync(join(root, f)).mtimeMs),
  );
  return inputs > statSync(stamp).mtimeMs;
}

export function build() {
  let tsc;
  try {
    tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  } catch {
    throw new Error('dist/ is missing or older than src/, and TypeScript is not installed: run `npm install`.');
  }
  const started = new Date();
  rmSync(dist, { recursive: true, force: true });
  process.stderr.write('compiling src/ into dist/ ...\n');
  const r = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], {
    stdio: ['ignore', 2, 2],
  });
  if (r.status !== 0) throw new Error(`tsc failed (exit ${r.status ?? r.signal}): see the errors above.`);
  rewriteClientDeclarations(dist);
  writeFileSync(stamp, '');
  utimesSync(stamp, started, started);
}

/** Builds when needed; false when the sources are absent (an installed package ships dist/ only). */
export function ensureBuilt() {
  if (!existsSync(join(root, 'src'))) return false;
  if (isStale()) build();
  return true;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    if (process.argv.includes('--if-stale')) ensureBuilt();
    else build();
  } catch (e) {
    process.stderr.write(`${e.message}\n`);
    process.exit(1);
  }
}
