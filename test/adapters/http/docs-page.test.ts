import { existsSync } from 'node:fs';
import * as assert from 'uvu/assert';
import { chromium, type Browser } from 'playwright-core';
import { startTestApp, type TestApp } from '../../support/app.js';
import { suite } from '../../support/suite.js';

/** Debian's chromium package (`.ci/run` and the GitHub workflow install it), or CHROMIUM_PATH. */
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

const t = suite<{ app?: TestApp; browser?: Browser }>('/docs in headless Chromium', {});

t.before(async (ctx) => {
  if (!existsSync(CHROMIUM))
    throw new Error(`${CHROMIUM} not found: apt-get install chromium (as .ci/run does), or set CHROMIUM_PATH`);
  ctx.app = await startTestApp();
  ctx.browser = await chromium.launch({
    executablePath: CHROMIUM,
    // The flags that keep Chromium off the network it would otherwise probe at start.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
});
t.after(async (ctx) => {
  await ctx.browser?.close();
  await ctx.app?.close();
});

t('loads with no console error, from the service alone, and lists the API', async (ctx) => {
  const page = await ctx.browser!.newPage();
  const problems: string[] = [];
  const foreign: string[] = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('request', (r) => !r.url().startsWith(ctx.app!.url) && !r.url().startsWith('data:') && foreign.push(r.url()));
  const response = await page.goto(`${ctx.app!.url}/docs`, { waitUntil: 'networkidle' });
  assert.is(response?.status(), 200);
  await page.waitForSelector('.opblock-summary-path', { timeout: 10_000 });
  const paths = await page.$$eval('.opblock-summary-path', (els) =>
    els.map((e) => e.textContent?.replace(/\u200b/g, '').trim()),
  );
  for (const p of ['/rates/{date}', '/rates/latest', '/rates', '/convert', '/currencies'])
    assert.ok(paths.includes(p), `${p} listed`);
  assert.equal(problems, [], 'no console errors');
  assert.equal(foreign, [], 'nothing loaded from elsewhere');
  await page.close();
});

t.run();
