import * as assert from 'uvu/assert';
import { MongoClient } from 'mongodb';
import { sharedPing } from '../../src/adapters/http/edge/probes.js';
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
  // The last ping's outcome answers for up to a second.
  let down = await call(url, '/readyz');
  for (let i = 0; i < 20 && down.status !== 503; i++) {
    await new Promise((r) => setTimeout(r, 250));
    down = await call(url, '/readyz');
  }
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

t('/readyz pings at most once a second: probes in between, and concurrent ones, share one ping', async () => {
  let now = 0;
  let pings = 0;
  let healthy = true;
  const ready = sharedPing(
    async () => {
      pings++;
      if (!healthy) throw new Error('down');
    },
    1_000,
    () => now,
  );
  assert.equal(await Promise.all(Array.from({ length: 50 }, () => ready())), Array(50).fill(true));
  assert.is(pings, 1, 'fifty concurrent probes, one ping');
  now += 999;
  healthy = false;
  assert.is(await ready(), true, 'within the second: the last outcome');
  assert.is(pings, 1);
  now += 1;
  assert.is(await ready(), false, 'a second later: pinged again');
  assert.is(pings, 2);
  assert.is(await ready(), false);
  assert.is(pings, 2);
});

t.run();
