/**
 * `npm run lint:openapi`: Redocly's recommended rules over the OpenAPI document, as served with and
 * without AUTH_REQUIRED. Fails on any error or warning.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeOpenApiDocument } from './openapi-document.js';

const dir = mkdtempSync(join(tmpdir(), 'fxrates-openapi-'));
let failed = false;
try {
  for (const authRequired of [false, true]) {
    const file = join(dir, authRequired ? 'openapi-auth-required.json' : 'openapi.json');
    writeOpenApiDocument(file, authRequired);
    const lint = spawnSync(
      'npx',
      ['--no-install', 'redocly', 'lint', '--extends', 'recommended', '--format', 'summary', file],
      {
        encoding: 'utf8',
        env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
      },
    );
    // Redocly exits 0 on warnings; the project takes none. The summary lists one line per rule hit.
    if (lint.status !== 0 || /^(error|warning) /m.test(lint.stdout)) {
      failed = true;
      process.stderr.write(`openapi (AUTH_REQUIRED=${authRequired}):\n${lint.stdout}${lint.stderr}`);
    } else {
      process.stdout.write(`openapi (AUTH_REQUIRED=${authRequired}): 0 errors, 0 warnings\n`);
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
