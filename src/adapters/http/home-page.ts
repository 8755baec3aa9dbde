import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';

/** One file of the page, ready to send. */
export interface StaticFile {
  readonly body: Buffer;
  readonly contentType: string;
  readonly cacheControl: string;
  readonly etag: string;
}

/** What to send for a request, whatever the server framework: headers plus a body (none for HEAD and 304). */
export interface StaticAnswer {
  readonly status: 200 | 304;
  readonly headers: Record<string, string>;
  readonly body: Buffer | undefined;
}

const WEB = join(dirname(fileURLToPath(import.meta.url)), '../../web');

/** Everything the page needs comes from the service; inline styles only because uPlot sets style attributes. */
const SECURITY = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

let built: ReadonlyMap<string, StaticFile> | undefined;

/**
 * The home page and its assets, bundled from src/web by esbuild once per process (in memory, so a
 * fresh clone needs no build step). Asset names carry a content hash, so they are immutable; the
 * page itself is revalidated with its ETag so that a new version is picked up at once.
 */
export function homePageFiles(): ReadonlyMap<string, StaticFile> {
  if (built) return built;
  const result = buildSync({
    entryPoints: [join(WEB, 'main.ts')],
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2020',
    platform: 'browser',
    outdir: '/assets',
    entryNames: 'home-[hash]',
    write: false,
    legalComments: 'none',
    logLevel: 'silent',
  });
  const files = new Map<string, StaticFile>();
  const names: Record<string, string> = {};
  for (const out of result.outputFiles) {
    const ext = out.path.slice(out.path.lastIndexOf('.'));
    const type = TYPES[ext];
    if (!type) continue;
    names[ext] = basename(out.path);
    files.set(
      `/assets/${basename(out.path)}`,
      fileOf(Buffer.from(out.contents), type, 'public, max-age=31536000, immutable'),
    );
  }
  const html = readFileSync(join(WEB, 'index.html'), 'utf8')
    .replace('{{css}}', `/assets/${names['.css']}`)
    .replace('{{js}}', `/assets/${names['.js']}`);
  files.set('/', fileOf(Buffer.from(html), 'text/html; charset=utf-8', 'no-cache'));
  // Browsers ask for /favicon.ico whatever the page links; an SVG under that name is accepted.
  files.set('/favicon.ico', fileOf(readFileSync(join(WEB, 'favicon.svg')), 'image/svg+xml', 'public, max-age=86400'));
  built = files;
  return files;
}

function fileOf(body: Buffer, contentType: string, cacheControl: string): StaticFile {
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;
  return { body, contentType, cacheControl, etag };
}

/** The answer for `/`, `/favicon.ico` or `/assets/<name>`, or undefined when the path is not the page's (or not GET/HEAD). */
export function answerHomePage(
  files: ReadonlyMap<string, StaticFile>,
  request: { readonly method: string | undefined; readonly path: string; readonly ifNoneMatch: string | undefined },
): StaticAnswer | undefined {
  const file = files.get(request.path);
  if (!file || (request.method !== 'GET' && request.method !== 'HEAD')) return undefined;
  const headers = {
    'content-type': file.contentType,
    'cache-control': file.cacheControl,
    etag: file.etag,
    ...SECURITY,
  };
  if (request.ifNoneMatch?.split(/\s*,\s*/).includes(file.etag)) return { status: 304, headers, body: undefined };
  return { status: 200, headers, body: request.method === 'HEAD' ? undefined : file.body };
}
