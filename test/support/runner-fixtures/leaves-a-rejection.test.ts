import { suite } from '../suite.js';

// Run by test/scripts/run-tests.test.ts only: the test passes, and the work it leaves behind fails after
// the suites have finished. The runner must count that failure.
const t = suite('fixture: leaves a rejection behind');
t('passes, leaving work behind', () => {
  setTimeout(() => void Promise.reject(new Error('failed after the suites')), 100);
});
t.run();
