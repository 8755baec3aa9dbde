import * as assert from 'uvu/assert';
import { MongoClient } from 'mongodb';
import { TOKENS } from '../../src/app/tokens.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { call } from '../support/http.js';
import { startStoppableMongo, type StoppableMongo } from '../support/stoppable-mongo.js';
import { suite } from '../support/suite.js';

const t = suite<{ mongo?: StoppableMongo; client?: MongoClient; app?: TestApp }>('/healthz and /readyz', {});

t.before(async (ctx) => {
  ctx.mongo = await startStoppableMongo();
  ctx.client = await MongoClient.connect(ctx.mongo.uri, { serverSelectionTimeoutMS: 1000, heartbeatFrequencyMS: 500 });
  const db = ctx.client.db('fxrates_readyz');
  // As the composition root registers it: readiness pings this connection.
  ctx.app = await startTestApp({ configure: (c) => c.register(TOKENS.Mongo, { useValue: { db } }) });
});
t.after(async (ctx) => {
  await ctx.app?.close();
  await ctx.client?.close();
  await ctx.mongo?.dispose();
});

t('/readyz is 503 while the database is stopped and 200 after; /healthz is 200 throughout', async (ctx) => {
  const url = ctx.app!.url;
  assert.is((await call(url, '/readyz')).status, 200);
  assert.is((await call(url, '/healthz')).status, 200);
  await ctx.mongo!.stop();
  const down = await call(url, '/readyz');
  assert.is(down.status, 503);
  assert.is(down.body.code, 'STORAGE.UNAVAILABLE');
  assert.is(down.headers.get('cache-control'), 'no-store');
  assert.is((await call(url, '/healthz')).status, 200);
  await ctx.mongo!.start();
  let last = 0;
  for (let i = 0; i < 60 && last !== 200; i++) {
    last = (await call(url, '/readyz')).status;
    if (last !== 200) await new Promise((r) => setTimeout(r, 250));
  }
  assert.is(last, 200, 'ready again once the database is back');
});

t('without a database registered (no Mongo) the process counts as ready', async () => {
  const app = await startTestApp();
  try {
    assert.equal((await call(app.url, '/readyz')).body, { status: 'ready' });
  } finally {
    await app.close();
  }
});

t.run();
