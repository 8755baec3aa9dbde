import { mkdirSync } from 'node:fs';
import * as assert from 'uvu/assert';
import type { Browser, Page } from 'playwright-core';
import { isoDate } from '../../../src/domain/iso-date.js';
import { startRigApp, type TestApp } from '../../support/app.js';
import { launchChromium, watchedPage } from '../../support/chromium.js';
import { apiKeysEnv, testKey } from '../../support/http.js';
import { ingestRig, request, type IngestRig } from '../../support/ingest-rig.js';
import { parsePrometheus, total } from '../../support/prometheus.js';
import { suite } from '../../support/suite.js';

/** Gitignored: what the page looked like in the last run, desktop and phone width. */
const SHOTS = 'test-artifacts';
/** Not ingested: the health strip and the chart must show it as a hole. */
const HOLE = '2024-05-20';
const admin = testKey('home', 'admin');

const t = suite<{ rig?: IngestRig; app?: TestApp; browser?: Browser }>('home page in headless Chromium', {});

t.before(async (ctx) => {
  // Real parts: the Fixer sandbox over loopback into FerretDB, by the ingestion use case.
  ctx.rig = await ingestRig();
  const range = (from: string, to: string) => request({ kind: 'range', from: isoDate(from), to: isoDate(to) });
  for (const r of [range('2024-04-01', '2024-05-19'), range('2024-05-21', '2024-06-14')]) {
    const out = await ctx.rig.ingest.execute(r, { trigger: 'cli' });
    assert.ok(out.ok, 'seeded');
  }
  ctx.app = await startRigApp(ctx.rig, { env: { API_KEYS: apiKeysEnv(admin), PROVIDERS: 'fixer' } });
  ctx.browser = await launchChromium();
  mkdirSync(SHOTS, { recursive: true });
});
t.after(async (ctx) => {
  await ctx.browser?.close();
  await ctx.app?.close();
  await ctx.rig?.dispose();
});

async function open(ctx: { app?: TestApp; browser?: Browser }, width = 1200) {
  const watched = await watchedPage(ctx.browser!, ctx.app!.url, width);
  const response = await watched.page.goto(`${ctx.app!.url}/`, { waitUntil: 'networkidle' });
  assert.is(response?.status(), 200);
  await watched.page.waitForSelector('#rates-table tbody tr[data-code="USD"]');
  await watched.page.waitForSelector('#health-strip .day');
  return watched;
}

const api = async (ctx: { app?: TestApp }, path: string) => {
  const r = await fetch(`${ctx.app!.url}${path}`);
  assert.is(r.status, 200, path);
  return (await r.json()) as Record<string, unknown>;
};

const tableRates = (page: Page) =>
  page.$$eval('#rates-table tbody tr', (rows) =>
    Object.fromEntries(rows.map((r) => [r.getAttribute('data-code')!, Number(r.getAttribute('data-rate'))])),
  );

t('shows the newest day with no console error, from the service alone', async (ctx) => {
  const { page, problems, foreign } = await open(ctx);
  const latest = (await api(ctx, '/rates/latest')) as { date: string; currency_rates: Record<string, number> };
  assert.equal(await tableRates(page), latest.currency_rates);
  assert.match((await page.textContent('#rates-about')) ?? '', latest.date);
  assert.match((await page.textContent('#rates-about')) ?? '', /final|provisional/);
  await page.screenshot({ path: `${SHOTS}/home-desktop.png`, fullPage: true });
  await page.screenshot({
    path: `${SHOTS}/home-top.png`,
    fullPage: true,
    clip: { x: 0, y: 0, width: 1200, height: 1300 },
  });
  assert.equal(problems, [], 'no console errors');
  assert.equal(foreign, [], 'nothing loaded from elsewhere');
  await page.close();
});

t('switching the base shows the API’s rates against it, and the filter narrows the table', async (ctx) => {
  const { page, problems } = await open(ctx);
  const before = await tableRates(page);
  await page.selectOption('#base', 'USD');
  await page.waitForSelector('#rates-about:has-text("against USD")');
  const usd = (await api(ctx, '/rates/latest?base=USD')) as { currency_rates: Record<string, number> };
  const after = await tableRates(page);
  assert.equal(after, usd.currency_rates);
  assert.is.not(after.EUR, before.EUR);
  await page.fill('#filter', 'pound');
  const visible = await page.$$eval('#rates-table tbody tr:not([hidden])', (rows) =>
    rows.map((r) => r.getAttribute('data-code')),
  );
  assert.ok(visible.includes('GBP') && !visible.includes('USD'), `filtered: ${visible.join(',')}`);
  assert.equal(problems, []);
  await page.close();
});

t('the chart draws one point per stored day of the chosen period, with a gap for the hole', async (ctx) => {
  const { page, problems } = await open(ctx);
  await page.waitForSelector('#chart-plot canvas');
  await page.click('label.period:has-text("1M")');
  await page.waitForSelector('#chart-about:has-text("2024-05-15 to")');
  const range = (await api(ctx, '/rates?from=2024-05-15&to=2024-06-14&symbols=USD,GBP')) as { rates: unknown[] };
  // Two series (USD, GBP) over the stored days of the month before the newest day.
  assert.is(Number(await page.getAttribute('#chart-plot', 'data-points')), 2 * range.rates.length);
  assert.is(range.rates.length, 30, 'the month less the hole');
  // Hovering shows a day and its values in the legend.
  await page.hover('#chart-plot .u-over', { position: { x: 5, y: 20 } });
  const legend = await page.$$eval('#chart-plot .u-legend .u-value', (els) => els.map((e) => e.textContent ?? ''));
  assert.match(legend[0]!, /^2024-05-1[56]$/);
  assert.match(legend[1]!, /^\d+\.\d+$/);
  await page.click('label.period:has-text("All")');
  await page.waitForSelector('#chart-about:has-text("2024-04-01 to")');
  const all = (await api(ctx, '/rates?from=2024-04-01&to=2024-06-14&symbols=USD,GBP')) as { rates: unknown[] };
  assert.is(Number(await page.getAttribute('#chart-plot', 'data-points')), 2 * all.rates.length);
  assert.equal(problems, []);
  await page.close();
});

t('the converter answers as the API does', async (ctx) => {
  const { page, problems } = await open(ctx);
  await page.fill('#amount', '250');
  await page.selectOption('#from', 'USD');
  await page.selectOption('#to', 'JPY');
  await page.fill('#date', '2024-05-02');
  await page.click('#convert-form button[type=submit]');
  await page.waitForSelector('#convert-result[data-result]');
  const c = (await api(ctx, '/convert?amount=250&from=USD&to=JPY&date=2024-05-02')) as { result: number };
  assert.is(Number(await page.getAttribute('#convert-result', 'data-result')), c.result);
  assert.match((await page.textContent('#convert-result')) ?? '', '2024-05-02');
  assert.equal(problems, []);
  await page.close();
});

t('the health strip shows the unstored day as missing, stored days as final, and the runs', async (ctx) => {
  const { page, problems } = await open(ctx);
  assert.is(await page.getAttribute(`#health-strip [data-date="${HOLE}"]`, 'data-status'), 'missing');
  assert.is(await page.getAttribute('#health-strip [data-date="2024-05-21"]', 'data-status'), 'final');
  assert.is(await page.getAttribute('#health-strip [data-date="2024-03-01"]', 'data-status'), 'missing');
  assert.is(await page.$$eval('#runs-table tbody tr', (rows) => rows.length), 2);
  assert.ok(await page.isHidden('#admin'), 'no admin facts without an admin key');
  assert.equal(problems, []);
  await page.close();
});

t('an admin key shows quota and run details; a wrong key gets a clear message', async (ctx) => {
  const { page, problems } = await open(ctx);
  await page.fill('#key-input', admin.key);
  await page.click('#key-form button[type=submit]');
  await page.waitForSelector('#admin:not([hidden])');
  assert.match((await page.textContent('#admin')) ?? '', /fixer: \d+ of/);
  assert.is(await page.evaluate('sessionStorage.length'), 1);
  await page.fill('#key-input', testKey('stranger', 'admin').key);
  await page.click('#key-form button[type=submit]');
  await page.waitForSelector('#alert:not([hidden])');
  assert.match((await page.textContent('#alert')) ?? '', /key was not accepted/);
  assert.equal(
    problems.filter((p) => !/401/.test(p)),
    [],
  );
  await page.close();
});

t('fits a phone-width screen', async (ctx) => {
  const { page, problems } = await open(ctx, 390);
  const overflow = Number(await page.evaluate('document.documentElement.scrollWidth - window.innerWidth'));
  assert.ok(overflow <= 0, `no sideways scroll (${overflow}px too wide)`);
  await page.screenshot({ path: `${SHOTS}/home-phone.png`, fullPage: true });
  assert.equal(problems, []);
  await page.close();
});

t('assets are immutable under hashed names; the page is revalidated by ETag; /metrics labels both', async (ctx) => {
  const page = await fetch(`${ctx.app!.url}/`);
  assert.is(page.headers.get('cache-control'), 'no-cache');
  const etag = page.headers.get('etag')!;
  const html = await page.text();
  const again = await fetch(`${ctx.app!.url}/`, { headers: { 'if-none-match': etag } });
  assert.is(again.status, 304);
  const assets = [...html.matchAll(/\/assets\/home-[A-Z0-9]+\.(?:js|css)/g)].map((m) => m[0]);
  assert.is(assets.length, 2);
  for (const a of assets) {
    const r = await fetch(`${ctx.app!.url}${a}`);
    assert.is(r.status, 200);
    assert.is(r.headers.get('cache-control'), 'public, max-age=31536000, immutable');
  }
  const samples = parsePrometheus(await (await fetch(`${ctx.app!.url}/metrics`)).text());
  assert.ok(total(samples, 'fxrates_http_requests_total', { route: 'home', status: '304' }) >= 1);
  assert.ok(total(samples, 'fxrates_http_requests_total', { route: 'assets', status: '200' }) >= 2);
});

t.run();
