import * as assert from 'uvu/assert';
import type { TestApp } from '../../support/app.js';
import { startOutageRig, type OutageRig } from '../../support/outage-app.js';
import { call } from '../../support/http.js';
import { conformance } from '../../support/openapi-conformance.js';
import type { StoppableMongo } from '../../support/stoppable-mongo.js';
import { suite } from '../../support/suite.js';

const t = suite<{ mongo?: StoppableMongo; rig?: OutageRig; app?: TestApp }>(
  'serving while the database stops and returns',
  {},
);

t.before(async (ctx) => {
  ctx.rig = await startOutageRig('fxrates_outage');
  ctx.mongo = ctx.rig.mongo;
  ctx.app = ctx.rig.app;
});
t.after(async (ctx) => {
  await ctx.rig?.dispose();
});

const status = async (ctx: { app?: TestApp }, path: string) => {
  const res = await fetch(`${ctx.app!.url}${path}`);
  return { status: res.status, body: (await res.json()) as { code?: string; message?: string } };
};

t('503 with a stable code while the database is down; answers again when it returns, no restart', async (ctx) => {
  assert.is((await status(ctx, '/rates/2024-01-02')).status, 200);
  await ctx.mongo!.stop();
  const check = conformance((await call(ctx.app!.url, '/openapi.json')).body);
  for (const [path, template] of [
    ['/rates/2024-01-02', '/rates/{date}'],
    ['/rates/latest', '/rates/latest'],
    ['/currencies', '/currencies'],
    ['/rates?from=2024-01-01&to=2024-01-03', '/rates'],
  ] as const) {
    const down = await status(ctx, path);
    assert.is(down.status, 503, path);
    check('GET', template, await call(ctx.app!.url, path), 503, `${path} while the database is down`);
    assert.is(down.body.code, 'STORAGE.UNAVAILABLE', path);
    assert.not.match(down.body.message ?? '', /127\.0\.0\.1|Mongo|at /, 'no internals in the message');
  }
  await ctx.mongo!.start();
  let last = 0;
  for (let i = 0; i < 60 && last !== 200; i++) {
    last = (await status(ctx, '/rates/2024-01-02')).status;
    if (last !== 200) await new Promise((r) => setTimeout(r, 250));
  }
  assert.is(last, 200, 'serves again after the database returned');
});

t.run();
