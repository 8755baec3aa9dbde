/**
 * Runs every `*.test.ts` under the given folders (default `test`) with uvu's programmatic runner
 * (`uvu/run`), fails when a suite was never run or when a test's leftover work fails after its suite,
 * and ends with one `N passed, N failed` line from uvu's own summary.
 * Usage: tsx scripts/run-tests.ts [dir ...] [--filter PATTERN]
 */
// tsyringe needs the Reflect polyfill loaded before any decorated class.
import 'reflect-metadata';
import { readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { run } from 'uvu/run';

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

/**
 * A rejection or exception nobody handles, from a test or from work it left running, is a failure:
 * reported and counted whenever it comes, during the run or after it (Node's default would end the
 * run in the middle, without a summary).
 */
const strayFailures: string[] = [];
const stray = (kind: string) => (e: unknown) => {
  strayFailures.push(kind);
  console.error(`\n${kind}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  process.exitCode = 1;
};
process.on('unhandledRejection', stray('unhandled rejection'));
process.on('uncaughtException', stray('uncaught exception'));

// uvu prints its summary through process.stdout.write; keep a copy to read it back.
let printed = '';
const write = process.stdout.write.bind(process.stdout);
process.stdout.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
  printed += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString();
  return write(chunk, ...rest);
}) as typeof process.stdout.write;

// uvu/run imports each file (which queues its suites) and then runs them all, in this order.
await run(files.map((file) => ({ name: relative(process.cwd(), file), file: resolve(file) })));
process.stdout.write = write;
// The same module instances the test files used (imported after them, so uvu/run set up uvu first).
const { suitesNotRun } = await import('../test/support/suite.js');
const { closeTestMongo } = await import('../test/support/mongo.js');
await closeTestMongo();

// uvu's summary is the last block it writes; anything a test printed that looks like one came earlier.
// eslint-disable-next-line no-control-regex -- strips uvu's colour codes
const plain = printed.replace(/\x1b\[[0-9;]*m/g, '');
const summaries = [...plain.matchAll(/Total:\s+(\d+)\s+Passed:\s+(\d+)\s+Skipped:\s+(\d+)\s+Duration:/g)];
const last = summaries.at(-1);
const [total, passed, skipped] = last ? [1, 2, 3].map((i) => Number(last[i])) : [NaN, NaN, 0];
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
const failed = total! - passed!;
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
if (failed > 0) process.exitCode = 1;

process.on('exit', () => {
  if (strayFailures.length > 0) {
    console.error(`${strayFailures.length} failure(s) outside any test: ${strayFailures.join(', ')} (see above)`);
    process.exitCode = 1;
  }
});
/**
 * The run ends by itself once the tests' work is done, with every late failure counted. A server or
 * client a test forgot to close must not keep it alive: after a grace period the run ends anyway,
 * naming what was still open, with the failures seen until then.
 */
const GRACE_MS = 3000;
setTimeout(() => {
  console.error(`still open after the run, closed by exiting: ${process.getActiveResourcesInfo().join(', ')}`);
  process.exit();
}, GRACE_MS).unref();
