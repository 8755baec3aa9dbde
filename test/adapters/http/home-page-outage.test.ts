import * as assert from 'uvu/assert';
import type { Browser } from 'playwright-core';
import type { TestApp } from '../../support/app.js';
import { startOutageRig, type OutageRig } from '../../support/outage-app.js';
import { launchChromium, watchedPage } from '../../support/chromium.js';
import type { StoppableMongo } from '../../support/stoppable-mongo.js';
import { suite } from '../../support/suite.js';

const t = suite<{ mongo?: StoppableMongo; rig?: OutageRig; app?: TestApp; browser?: Browser }>(
  'home page while the database is down',
  {},
);

t.before(async (ctx) => {
  ctx.rig = await startOutageRig('fxrates_home_outage');
  ctx.mongo = ctx.rig.mongo;
  ctx.app = ctx.rig.app;
  ctx.browser = await launchChromium();
});
t.after(async (ctx) => {
  await ctx.browser?.close();
  await ctx.rig?.dispose();
});

t('says the database is not answering instead of showing a blank page', async (ctx) => {
  await ctx.mongo!.stop();
  const { page, problems } = await watchedPage(ctx.browser!, ctx.app!.url);
  const response = await page.goto(`${ctx.app!.url}/`);
  assert.is(response?.status(), 200, 'the page itself needs no database');
  await page.waitForSelector('#alert:not([hidden])');
  assert.match((await page.textContent('#alert')) ?? '', 'database is not answering');
  // The browser logs each failed request; nothing else may go wrong.
  assert.equal(
    problems.filter((p) => !p.includes('status of 503')),
    [],
  );
  await page.close();
});

t.run();
