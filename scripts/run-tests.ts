/**
 * Runs every `*.test.ts` under the given folders (default `test`) with uvu, fails when a suite was
 * never run, and ends with one `N passed, N failed` line computed from uvu's own totals.
 * Usage: tsx scripts/run-tests.ts [dir ...] [--filter PATTERN]
 */
// tsyringe needs the Reflect polyfill loaded before any decorated class.
import 'reflect-metadata';
import { readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const args = process.argv.slice(2);
const filterAt = args.indexOf('--filter');
const filter = filterAt >= 0 ? new RegExp(args.splice(filterAt, 2)[1] ?? '') : null;
const roots = args.length > 0 ? args : ['test'];

function testFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return name === 'support' ? [] : testFiles(path);
      return name.endsWith('.test.ts') ? [path] : [];
    });
}

const files = roots.flatMap((r) => testFiles(r)).filter((f) => !filter || filter.test(f));
if (files.length === 0) {
  console.error(`no test files found under ${roots.join(', ')}`);
  process.exit(1);
}

// uvu prints its totals through process.stdout.write; keep a copy to read them back.
let printed = '';
const write = process.stdout.write.bind(process.stdout);
process.stdout.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
  printed += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString();
  return write(chunk, ...rest);
}) as typeof process.stdout.write;

// Must be set before anything imports uvu, or uvu schedules its own run of a separate queue.
(globalThis as { UVU_DEFER?: number }).UVU_DEFER = 1;
const uvu = await import('uvu');
const { suitesNotRun } = await import('../test/support/suite.js');
const queue = (globalThis as unknown as { UVU_QUEUE: unknown[][] }).UVU_QUEUE;
for (const [i, file] of files.entries()) {
  (globalThis as { UVU_INDEX?: number }).UVU_INDEX = i;
  queue.push([relative(process.cwd(), file)]);
  await import(pathToFileURL(resolve(file)).href);
}
await uvu.exec(false);
process.stdout.write = write;
const { closeTestMongo } = await import('../test/support/mongo.js');
await closeTestMongo();

// eslint-disable-next-line no-control-regex -- strips uvu's colour codes
const plain = printed.replace(/\x1b\[[0-9;]*m/g, '');
const total = Number(/Total:\s+(\d+)/.exec(plain)?.[1] ?? NaN);
const passed = Number(/Passed:\s+(\d+)/.exec(plain)?.[1] ?? NaN);
const skipped = Number(/Skipped:\s+(\d+)/.exec(plain)?.[1] ?? 0);
const notRun = suitesNotRun();
if (notRun.length > 0) {
  console.error(`suites created but never run (missing .run()): ${notRun.join(', ')}`);
  process.exitCode = 1;
}
if (!Number.isFinite(total) || total === 0) {
  console.error('uvu reported no tests');
  process.exitCode = 1;
}
// uvu's total leaves skipped tests out already; a suite whose `before` hook threw counts every test unpassed.
const failed = total - passed;
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
if (failed > 0) process.exitCode = 1;
// A server or client a test forgot to close must not keep the run alive.
process.exit();
