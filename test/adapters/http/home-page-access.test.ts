import * as assert from 'uvu/assert';
import type { Browser } from 'playwright-core';
import { InMemoryCurrencyCatalog } from '../../../src/adapters/memory/in-memory-currency-catalog.js';
import { InMemoryRateRepository } from '../../../src/adapters/memory/in-memory-rate-repository.js';
import { startTestApp, type TestApp } from '../../support/app.js';
import { buildFetched } from '../../support/builders.js';
import { launchChromium, watchedPage } from '../../support/chromium.js';
import { apiKeysEnv, testKey } from '../../support/http.js';
import { suite } from '../../support/suite.js';

const reader = testKey('reader', 'read');
const t = suite<{ browser?: Browser; apps: TestApp[] }>('home page under keys and rate limits', { apps: [] });

async function app(ctx: { apps: TestApp[] }, env: Record<string, string>): Promise<TestApp> {
  const days = [buildFetched({ date: '2024-01-02' }), buildFetched({ date: '2024-01-03' })];
  const repo = new InMemoryRateRepository();
  const catalog = new InMemoryCurrencyCatalog();
  await repo.upsertMany(days);
  await catalog.record(days);
  const started = await startTestApp({ repo, catalog, now: () => new Date('2024-01-05T12:00:00Z'), env });
  ctx.apps.push(started);
  return started;
}

t.before(async (ctx) => {
  ctx.browser = await launchChromium();
});
t.after(async (ctx) => {
  await ctx.browser?.close();
  for (const a of ctx.apps) await a.close();
});

t('under AUTH_REQUIRED asks for a key, then works with it, kept for the tab only', async (ctx) => {
  const service = await app(ctx, { AUTH_REQUIRED: 'true', API_KEYS: apiKeysEnv(reader) });
  const { page, problems } = await watchedPage(ctx.browser!, service.url);
  assert.is((await page.goto(`${service.url}/`))?.status(), 200);
  await page.waitForSelector('#alert:not([hidden])');
  assert.match((await page.textContent('#alert')) ?? '', 'needs an API key');
  await page.fill('#key-input', reader.key);
  await page.click('#key-form button[type=submit]');
  await page.waitForSelector('#rates-table tbody tr[data-code="USD"]');
  assert.ok(await page.isHidden('#alert'));
  assert.is(await page.getAttribute('#rates-table tbody tr[data-code="USD"]', 'data-rate'), '1.093434');
  assert.is(await page.evaluate('sessionStorage.length'), 1);
  assert.is(await page.evaluate('localStorage.length'), 0);
  // A read key is not an admin key: no admin facts.
  assert.ok(await page.isHidden('#admin'));
  assert.equal(
    problems.filter((p) => !/status of 40[13]/.test(p)),
    [],
  );
  await page.close();
});

t('says so when the rate limit is reached', async (ctx) => {
  // Enough for the page and its assets, not for every API call it makes.
  const service = await app(ctx, { RATE_LIMIT_PER_MINUTE: '5' });
  const { page } = await watchedPage(ctx.browser!, service.url);
  await page.goto(`${service.url}/`);
  await page.waitForSelector('#alert:not([hidden])');
  assert.match((await page.textContent('#alert')) ?? '', /Too many requests: try again in \d+ s/);
  await page.close();
});

t.run();
