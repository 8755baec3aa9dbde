#!/usr/bin/env node
// The `fxrates` command: runs the TypeScript CLI through tsx's loader, so no build step is needed.
import { register } from 'tsx/esm/api';

register();
await import('../src/adapters/cli/main.ts');
