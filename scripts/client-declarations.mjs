/**
 * Makes dist/client.d.ts, the declarations behind `fxrates/client`, stand alone. tsc writes the client's
 * router type out in full (every procedure's input, output and error shape) but names two of the
 * service's own types in it: the request context (`ApiContext`) and the route metadata (`ApiMeta`).
 * Importing them would make every consumer's compiler load the service's declarations and through them
 * the server libraries' (trpc-to-openapi's do not typecheck without skipLibCheck). A client never sees
 * either, so both become `object`, and `AppRouter` is declared from the written-out type instead of
 * being re-exported from the server's router. Any other import of the service's files fails the build.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Service types the client's type mentions but a client never uses. */
const SERVER_ONLY = /import\("\.\/adapters\/http\/(?:context|trpc)\.js"\)\.(?:ApiContext|ApiMeta)\b/g;
/** The error shape's `issues` entries: written out, as a client needs their fields, not the service's file. */
const ISSUE = /import\("\.\/adapters\/http\/error-body\.js"\)\.Issue\b/g;
const ISSUE_SHAPE =
  '{ readonly path: readonly (string | number)[]; readonly message: string; readonly code?: string | undefined }';
const RETURNS = '): import("@trpc/client").TRPCClient<';

export function rewriteClientDeclarations(dist) {
  const file = join(dist, 'client.d.ts');
  const text = readFileSync(file, 'utf8').replace(/\n\/\/# sourceMappingURL=.*\n?$/, '\n');
  const start = text.indexOf(RETURNS);
  const end = text.lastIndexOf('>;');
  if (start < 0 || end < start) throw new Error(`${file}: createClient's return type is not TRPCClient<...>`);
  const router = text
    .slice(start + RETURNS.length, end)
    .replace(SERVER_ONLY, 'object')
    .replace(ISSUE, ISSUE_SHAPE);
  const signature = text
    .slice(0, start)
    .split('\n')
    .filter((line) => !line.startsWith('export type { AppRouter }'))
    .join('\n');
  const out =
    `/** The service's router as its clients see it: procedures, their inputs, outputs and errors. */\n` +
    `export type AppRouter = ${router};\n` +
    `${signature}): import("@trpc/client").TRPCClient<AppRouter>;\n`;
  const leftover = /(?:from |import\()["']\.\.?\//.exec(out);
  if (leftover) throw new Error(`${file} still imports the service's own files (${leftover[0]}...)`);
  writeFileSync(file, out);
  // The map described the file tsc wrote.
  rmSync(`${file}.map`, { force: true });
}
