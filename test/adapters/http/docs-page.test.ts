import * as assert from 'uvu/assert';
import type { Browser } from 'playwright-core';
import { startTestApp, type TestApp } from '../../support/app.js';
import { launchChromium, watchedPage } from '../../support/chromium.js';
import { suite } from '../../support/suite.js';

const t = suite<{ app?: TestApp; browser?: Browser }>('/docs in headless Chromium', {});

t.before(async (ctx) => {
  ctx.app = await startTestApp();
  ctx.browser = await launchChromium();
});
t.after(async (ctx) => {
  await ctx.browser?.close();
  await ctx.app?.close();
});

t('loads with no console error, from the service alone, and lists the API', async (ctx) => {
  const { page, problems, foreign } = await watchedPage(ctx.browser!, ctx.app!.url);
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
