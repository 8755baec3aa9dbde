import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** Swagger UI's files, served by the service itself: the page works offline and loads nothing from a CDN. */
const ASSETS: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'swagger-ui-standalone-preset.js': 'text/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
};

const PAGE = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>fxrates API</title>
  <link rel="stylesheet" href="/docs/swagger-ui.css">
  <link rel="icon" type="image/png" href="/docs/favicon-32x32.png">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="/docs/swagger-ui-bundle.js"></script>
  <script src="/docs/swagger-ui-standalone-preset.js"></script>
  <script src="/docs/init.js"></script>
</body>
</html>
`;

/** Kept out of the page so that a Content-Security-Policy without 'unsafe-inline' can be used. */
const INIT = `window.ui = SwaggerUIBundle({
  url: '/openapi.json',
  dom_id: '#swagger-ui',
  deepLinking: true,
  presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
  layout: 'StandaloneLayout',
});
`;

const SECURITY = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; font-src 'self'",
  'x-content-type-options': 'nosniff',
};

export interface StaticFile {
  readonly type: string;
  readonly body: Buffer | string;
}

/** `/docs` (the interactive reference over /openapi.json) and its assets, by path, with the headers they carry. */
export function docsFiles(): { files: ReadonlyMap<string, StaticFile>; headers: Readonly<Record<string, string>> } {
  const dir = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
  const files = new Map<string, StaticFile>([
    ['/docs', { type: 'text/html; charset=utf-8', body: PAGE }],
    ['/docs/init.js', { type: 'text/javascript; charset=utf-8', body: INIT }],
  ]);
  for (const [name, type] of Object.entries(ASSETS))
    files.set(`/docs/${name}`, { type, body: readFileSync(join(dir, name)) });
  return { files, headers: { 'cache-control': 'public, max-age=3600', ...SECURITY } };
}
