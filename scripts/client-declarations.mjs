/**
 * Makes dist/client.d.ts, the declarations behind `fxrates/client`, stand alone. tsc writes the client's
 * router type out in full (every procedure's input, output and error shape) but names two of the
 * service's own types in it: the request context (`ApiContext`) and the route metadata (`ApiMeta`).
 * Importing them would make every consumer's compiler load the service's declarations and through them
 * the server libraries' (trpc-to-openapi's do not typecheck without skipLibCheck). A client never sees
 * either, so both become `object`; the error issues it does see are written out; and `AppRouter` is declared from the written-out type instead of
 * being re-exported from the server's router. Any other import of the service's files fails the build.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Service types the client's type mentions but a client never uses. */
const SERVER_ONLY = /import\("\.\/adapters\/http\/(?:context|trpc)\.js"\)\.(?:ApiContext|ApiMeta)\b/g;
const RETURNS = '): import("@trpc/client").TRPCClient<';
/** Types a client does see, written out so the declarations stay standalone (kept equal to their sources). */
const INLINED = [
  [
    /import\("\.\/adapters\/http\/error-body\.js"\)\.Issue\b/g,
    '{ readonly path: readonly (string | number)[]; readonly message: string; readonly code?: string | undefined }',
  ],
];

export function rewriteClientDeclarations(dist) {
  const file = join(dist, 'client.d.ts');
  const text = readFileSync(file, 'utf8').replace(/\n\/\/# sourceMappingURL=.*\n?$/, '\n');
  const start = text.indexOf(RETURNS);
  const end = text.lastIndexOf('>;');
  if (start < 0 || end < start) throw new Error(`${file}: createClient's return type is not TRPCClient<...>`);
  const router = INLINED.reduce(
    (t, [pattern, literal]) => t.replace(pattern, literal),
    text.slice(start + RETURNS.length, end).replace(SERVER_ONLY, 'object'),
  );
  const signature = text
    .slice(0, start)
    .split('\n')
    .filter((line) => !line.startsWith('export type { AppRouter }'))
    .join('\n');
  const out =
    `/** The service's router as its clients see it: procedures, their inputs, outputs and errors. */\n` +
    `export type AppRouter = ${router};\n` +
    `${signature}): import("@trpc/client").TRPCClient<AppRouter>;\n`;
  // export-client.js is the client's own standalone part (no imports), shipped beside it in dist/.
  const leftover = /(?:from |import\()["']\.\.?\/(?!export-client\.js["'])/.exec(out);
  if (leftover) throw new Error(`${file} still imports the service's own files (${leftover[0]}...)`);
  writeFileSync(file, out);
  // The map described the file tsc wrote.
  rmSync(`${file}.map`, { force: true });
}
