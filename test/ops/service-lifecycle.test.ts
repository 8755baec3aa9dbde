import * as assert from 'uvu/assert';
import { startEcbSandbox, type EcbSandbox } from '../../src/sandbox/ecb/index.js';
import { freePort } from '../support/free-port.js';
import { testDb, type TestDb } from '../support/mongo.js';
import { eventually, startService, type ServiceProcess } from '../support/service-process.js';
import { suite } from '../support/suite.js';

/** The real service process: how it stops, and how it catches up when it starts. */
const t = suite<{ db?: TestDb; services: ServiceProcess[]; ecb?: EcbSandbox }>('service start and stop', {
  services: [],
});
t.before.each(async (ctx) => {
  ctx.db = await testDb();
  ctx.services = [];
});
t.after.each(async (ctx) => {
  for (const s of ctx.services) await s.stop('SIGKILL');
  await ctx.ecb?.close();
  ctx.ecb = undefined;
  await ctx.db?.drop();
});

const start = async (ctx: { db?: TestDb; services: ServiceProcess[] }, env: Record<string, string>) => {
  const s = await startService({ MONGODB_URI: ctx.db!.uri, MONGODB_DB: ctx.db!.name, ...env });
  ctx.services.push(s);
  return s;
};

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  t(`PROVIDERS=fixer without a key: ${signal} exits 0`, async (ctx) => {
    const s = await start(ctx, { PROVIDERS: 'fixer', SHUTDOWN_TIMEOUT_MS: '5000' });
    assert.match(s.output(), 'FIXER_API_KEY is not set');
    assert.is(await s.stop(signal), 0, s.output());
    assert.not.match(s.output(), 'shutdown failed');
  });
}

t('INGEST_ENABLED=false: SIGTERM exits 0', async (ctx) => {
  const s = await start(ctx, { INGEST_ENABLED: 'false', SHUTDOWN_TIMEOUT_MS: '5000' });
  assert.is(await s.stop('SIGTERM'), 0, s.output());
});

t('a restart within the hour of a failed start-up run catches up', async (ctx) => {
  // First start: the ECB address is wrong (nothing listens there), so the start-up run fails.
  const closed = await freePort();
  const broken = await start(ctx, {
    PROVIDERS: 'ecb',
    ECB_BASE_URL: `http://127.0.0.1:${closed}/stats/eurofxref`,
    ECB_RETRIES: '0',
  });
  const runs = ctx.db!.db.collection('ingestion_runs');
  await eventually('the failed start-up run is recorded', 30_000, async () =>
    (await runs.countDocuments({ trigger: 'startup', finishedAt: { $ne: null } })) > 0 ? true : undefined,
  );
  assert.is(await broken.stop('SIGTERM'), 0, broken.output());
  const notFound = await fetch(`http://127.0.0.1:${(await start(ctx, { INGEST_ENABLED: 'false' })).port}/rates/latest`);
  assert.is(notFound.status, 404, 'nothing was stored by the failed run');
  const body = (await notFound.json()) as { code: string; message: string };
  assert.is(body.code, 'RATES.NOT_FOUND');
  assert.match(body.message, 'ingestion has not stored anything');
  assert.match(body.message, '/ingest/runs');
  assert.match(body.message, 'npm run ingest');
  await ctx.services.pop()!.stop('SIGTERM');

  // Restart with the address fixed: it catches up at once, without waiting for a tick.
  ctx.ecb = await startEcbSandbox({ port: 0 });
  const fixed = await start(ctx, { PROVIDERS: 'ecb', ECB_BASE_URL: ctx.ecb.url, INGEST_CRON: '0 0 1 1 *' });
  const latest = await eventually('/rates/latest answers', 30_000, async () => {
    const r = await fetch(`http://127.0.0.1:${fixed.port}/rates/latest?symbols=USD`);
    return r.status === 200 ? ((await r.json()) as { provider: string }) : undefined;
  });
  assert.is(latest.provider, 'ecb');
  assert.is(await runs.countDocuments({ trigger: 'startup' }), 2, 'one start-up run per start that needed one');
});

t.run();
