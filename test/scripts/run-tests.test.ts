import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import * as assert from 'uvu/assert';
import { ROOT } from '../support/packed-package.js';
import { suite } from '../support/suite.js';

const run = promisify(execFile);

/** scripts/run-tests.ts on one fixture file (test/support is never collected by the real runs). */
async function runFixture(name: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const args = ['--import', 'tsx', 'scripts/run-tests.ts', 'test/support/runner-fixtures', '--filter', name];
  return run(process.execPath, args, { cwd: ROOT, timeout: 60_000 }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (e: { code?: number; stdout?: string; stderr?: string }) => ({
      code: e.code ?? -1,
      stdout: e.stdout ?? '',
      stderr: e.stderr ?? '',
    }),
  );
}

const lastLine = (text: string) => text.trim().split('\n').at(-1);

const t = suite('scripts/run-tests.ts');

t("counts from uvu's own summary, not from a block a test printed", async () => {
  const r = await runFixture('prints-a-summary');
  assert.is(lastLine(r.stdout), '1 passed, 1 failed');
  assert.is(r.code, 1);
});

t('a failure that comes after the suites fails the run', async () => {
  const r = await runFixture('leaves-a-rejection');
  assert.is(lastLine(r.stdout), '1 passed, 0 failed');
  assert.match(r.stderr, 'unhandled rejection: Error: failed after the suites');
  assert.is(r.code, 1);
});

t('a suite never run fails the run', async () => {
  const r = await runFixture('forgets-run');
  assert.match(r.stderr, 'suites created but never run (missing .run()): fixture: never run');
  assert.is(r.code, 1);
});

t.run();
