import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundlePage, readBuiltPage, type PageFile } from './web-bundle.js';

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

const HERE = dirname(fileURLToPath(import.meta.url));
/** The browser code, when running from source (src/adapters/http -> src/web). */
const SOURCE = join(HERE, '../../web');
/** The bundle `npm run build` writes beside the compiled code (dist/adapters/http -> dist/page). */
export const BUILT_PAGE_DIR = join(HERE, '../../page');

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

let loaded: Promise<ReadonlyMap<string, StaticFile>> | undefined;

/**
 * The home page and its assets, once per process: the compiled build's bundle (dist/page) when there
 * is one, else bundled from src/web by esbuild in memory (about 80 ms), so that a fresh clone, the
 * tests and `npm run dev` need no build step. Asset names carry a content hash, so they are immutable;
 * the page itself is revalidated with its ETag so that a new version is picked up at once.
 */
export function homePageFiles(): Promise<ReadonlyMap<string, StaticFile>> {
  loaded ??= loadPage().then((files) => new Map(files.map((f) => [f.path, fileOf(f.body, f.path)])));
  return loaded;
}

async function loadPage(): Promise<PageFile[]> {
  const built = readBuiltPage(BUILT_PAGE_DIR);
  if (built) return built;
  if (!existsSync(join(SOURCE, 'main.ts')))
    throw new Error(`the home page is neither built (${BUILT_PAGE_DIR}) nor in ${SOURCE}`);
  return bundlePage(SOURCE);
}

function fileOf(body: Buffer, path: string): StaticFile {
  const contentType =
    TYPES[path.slice(path.lastIndexOf('.'))] ?? (path === '/' ? 'text/html; charset=utf-8' : 'image/svg+xml');
  const cacheControl = path.startsWith('/assets/')
    ? 'public, max-age=31536000, immutable'
    : path === '/'
      ? 'no-cache'
      : 'public, max-age=86400';
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
