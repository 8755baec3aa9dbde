import { readFileSync } from 'node:fs';
import * as assert from 'uvu/assert';
import { CONFIG_VARIABLES, parseConfig } from '../../src/main/config.js';
import { suite } from '../support/suite.js';

const t = suite('.env.example');
const text = readFileSync(new URL('../../.env.example', import.meta.url), 'utf8');
const entries = text
  .split('\n')
  .filter((l) => /^[A-Z_]+=/.test(l))
  .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)] as const);

t('documents exactly the variables the service reads', () => {
  assert.equal(entries.map(([k]) => k).sort(), [...CONFIG_VARIABLES].sort());
});

t('its values are valid as they stand', () => {
  const c = parseConfig(Object.fromEntries(entries));
  assert.is(c.PORT, 8080);
  assert.is(c.FIXER_MONTHLY_QUOTA, 100);
});

t.run();
