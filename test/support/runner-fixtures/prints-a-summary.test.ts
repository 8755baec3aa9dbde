import * as assert from 'uvu/assert';
import { suite } from '../suite.js';

// Run by test/scripts/run-tests.test.ts only: a passing test that prints what looks like uvu's summary,
// next to a failing one. The runner must read uvu's own summary (1 passed, 1 failed), not this.
const t = suite('fixture: prints a summary');
t('prints a summary-like block', () => {
  console.log('\n  Total:     1\n  Passed:    1\n  Skipped:   0\n  Duration:  1.00ms\n');
});
t('fails', () => assert.is(1, 2));
t.run();
