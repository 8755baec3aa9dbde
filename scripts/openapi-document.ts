/**
 * Writes the service's OpenAPI document (as GET /openapi.json serves it) to a file, for linters and
 * API testers that read one: `tsx scripts/openapi-document.ts <file.json> [--auth-required]`.
 */
import { writeFileSync } from 'node:fs';
import { appRouter } from '../src/adapters/http/app-router.js';
import { buildOpenApiDocument } from '../src/adapters/http/openapi.js';
import { VERSION } from '../src/app/version.js';

export function writeOpenApiDocument(file: string, authRequired: boolean): void {
  writeFileSync(file, JSON.stringify(buildOpenApiDocument(appRouter, VERSION, { authRequired }), null, 2));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [file, flag] = process.argv.slice(2);
  if (!file) {
    process.stderr.write('usage: tsx scripts/openapi-document.ts <file.json> [--auth-required]\n');
    process.exit(2);
  }
  writeOpenApiDocument(file, flag === '--auth-required');
}
