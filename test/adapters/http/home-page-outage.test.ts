import * as assert from 'uvu/assert';
import { MongoClient } from 'mongodb';
import type { Browser } from 'playwright-core';
import { MongoCurrencyCatalog } from '../../../src/adapters/mongo/mongo-currency-catalog.js';
import { MongoRateRepository } from '../../../src/adapters/mongo/mongo-rate-repository.js';
import { startTestApp, type TestApp } from '../../support/app.js';
import { buildFetched } from '../../support/builders.js';
import { launchChromium, watchedPage } from '../../support/chromium.js';
import { startStoppableMongo, type StoppableMongo } from '../../support/stoppable-mongo.js';
import { suite } from '../../support/suite.js';

const t = suite<{ mongo?: StoppableMongo; client?: MongoClient; app?: TestApp; browser?: Browser }>(
  'home page while the database is down',
  {},
);

t.before(async (ctx) => {
  ctx.mongo = await startStoppableMongo();
  ctx.client = await MongoClient.connect(ctx.mongo.uri, { serverSelectionTimeoutMS: 1000, heartbeatFrequencyMS: 500 });
  const db = ctx.client.db('fxrates_home_outage');
  const repo = new MongoRateRepository(db);
  await repo.init();
  await repo.upsertMany([buildFetched({ date: '2024-01-02' })]);
  ctx.app = await startTestApp({
    repo,
    catalog: new MongoCurrencyCatalog(db),
    env: { CACHE_MAX_DAYS: '0', RESPONSE_CACHE_MAX_ENTRIES: '0' },
  });
  ctx.browser = await launchChromium();
});
t.after(async (ctx) => {
  await ctx.browser?.close();
  await ctx.app?.close();
  await ctx.client?.close();
  await ctx.mongo?.dispose();
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
