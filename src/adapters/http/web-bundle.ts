import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** One file of the home page by the path it is served under: `/`, `/favicon.ico` or `/assets/<hashed name>`. */
export interface PageFile {
  readonly path: string;
  readonly body: Buffer;
}

/**
 * Bundles the page's browser code in `webDir` (src/web) with esbuild, in memory: the HTML with the
 * content-hashed asset names filled in, the JS and CSS bundles, the favicon. esbuild is loaded only
 * here, so a compiled build that ships its bundle (see `readBuiltPage`) runs without it.
 */
export async function bundlePage(webDir: string): Promise<PageFile[]> {
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: [join(webDir, 'main.ts')],
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
  const assets = result.outputFiles.map((out) => ({
    path: `/assets/${basename(out.path)}`,
    body: Buffer.from(out.contents),
  }));
  const named = (ext: string) => assets.find((a) => a.path.endsWith(ext))?.path ?? '';
  const html = readFileSync(join(webDir, 'index.html'), 'utf8')
    .replace('{{css}}', named('.css'))
    .replace('{{js}}', named('.js'));
  return [
    { path: '/', body: Buffer.from(html) },
    // Browsers ask for /favicon.ico whatever the page links; an SVG under that name is accepted.
    { path: '/favicon.ico', body: readFileSync(join(webDir, 'favicon.svg')) },
    ...assets,
  ];
}

/** The build's copy of the page (`npm run build` writes it next to the compiled code as dist/web). */
export function writeBuiltPage(files: readonly PageFile[], outDir: string): void {
  for (const file of files) {
    const target = join(outDir, diskName(file.path));
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, file.body);
  }
}

/** The page as `writeBuiltPage` left it in `outDir`, or undefined when there is none (running from source). */
export function readBuiltPage(outDir: string): PageFile[] | undefined {
  if (!existsSync(join(outDir, diskName('/')))) return undefined;
  const assets = readdirSync(join(outDir, 'assets')).map((name) => ({
    path: `/assets/${name}`,
    body: readFileSync(join(outDir, 'assets', name)),
  }));
  return [
    { path: '/', body: readFileSync(join(outDir, diskName('/'))) },
    { path: '/favicon.ico', body: readFileSync(join(outDir, diskName('/favicon.ico'))) },
    ...assets,
  ];
}

function diskName(path: string): string {
  if (path === '/') return 'index.html';
  return path.slice(1);
}
