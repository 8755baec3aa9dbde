import { suite } from '../suite.js';

// Run by test/scripts/run-tests.test.ts only: a suite that is never run.
const t = suite('fixture: never run');
t('would pass', () => {});
