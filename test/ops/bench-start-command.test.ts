import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as assert from 'uvu/assert';
import { startCommand } from '../support/built-service.js';
import { ROOT } from '../support/child-process.js';
import { suite } from '../support/suite.js';

const t = suite("the bench runs the service with npm start's own command");

t("the start script's flags and entry are read, and the entry is the compiled serve.ts", () => {
  const { flags, entry } = startCommand();
  assert.is(entry, 'dist/main/serve.js');
  // What tsconfig.build.json compiles it from (src/ into dist/): the service's own entry point.
  assert.ok(existsSync(join(ROOT, entry.replace(/^dist\//, 'src/').replace(/\.js$/, '.ts'))), entry);
  assert.ok(flags.length > 0 && flags.every((f) => f.startsWith('--')), flags.join(' '));
  assert.ok(flags.includes('--enable-source-maps'));
});

t.run();
