#!/usr/bin/env node
// The `fxrates` command runs the compiled CLI with plain node. In a checkout (the sources are there) it
// first compiles when dist/ is missing or older than src/; an installed package ships dist/ only.
import { existsSync } from 'node:fs';

if (existsSync(new URL('../scripts/build.mjs', import.meta.url))) {
  const { ensureBuilt } = await import('../scripts/build.mjs');
  try {
    await ensureBuilt();
  } catch (e) {
    process.stderr.write(`fxrates: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  }
}
await import('../dist/main/cli.js');
