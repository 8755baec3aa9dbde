import * as assert from 'uvu/assert';
import { INGESTION_LOCK } from '../../../src/app/run-ingestion.js';
import { TOKENS } from '../../../src/app/tokens.js';
import type { IngestionLock } from '../../../src/domain/ingestion-lock.js';
import { startRigApp, type TestApp } from '../../support/app.js';
import { apiKeysEnv, call, testKey, trpcMutation, trpcQuery } from '../../support/http.js';
import { ingestRig, type IngestRig } from '../../support/ingest-rig.js';
import { suite } from '../../support/suite.js';

/** Admin ingestion over REST and tRPC, from the Fixer sandbox into a real MongoDB-wire server. */
const admin = testKey('ops', 'admin');
const t = suite<{ rig?: IngestRig; app?: TestApp }>('admin ingestion: POST /ingest, ingest.run, runs, quota', {});

t.before(async (ctx) => {
  ctx.rig = await ingestRig();
  ctx.app = await startRigApp(ctx.rig, { env: { PROVIDERS: 'fixer', API_KEYS: apiKeysEnv(admin) } });
});
t.after(async (ctx) => {
  await ctx.app?.close();
  await ctx.rig?.dispose();
});

t('REST: ingests the asked days and answers with the report; the days are then served', async (ctx) => {
  const r = await call(ctx.app!.url, '/ingest', {
    json: { from: '2024-03-01', to: '2024-03-03' },
    headers: admin.bearer,
  });
  assert.is(r.status, 200, JSON.stringify(r.body));
  assert.equal(r.body.report.inserted, ['2024-03-01', '2024-03-02', '2024-03-03']);
  assert.equal(r.body.report.failed, []);
  assert.type(r.body.runId, 'string');
  assert.is((await call(ctx.app!.url, '/rates/2024-03-02')).status, 200);
});

t('tRPC: ingest.run with dryRun plans without fetching; then for real', async (ctx) => {
  const dry = await trpcMutation(
    ctx.app!.url,
    'ingest.run',
    { dates: ['2024-03-02', '2024-03-05'], dryRun: true },
    admin.header,
  );
  assert.is(dry.status, 200);
  assert.equal(dry.body.result.data.plan.fetch, ['2024-03-05']);
  assert.is(dry.body.result.data.runId, null);
  assert.is((await call(ctx.app!.url, '/rates/2024-03-05')).status, 404);
  const real = await trpcMutation(ctx.app!.url, 'ingest.run', { dates: ['2024-03-05'] }, admin.header);
  assert.equal(real.body.result.data.report.inserted, ['2024-03-05']);
});

t('bad input is a 400, validated like the CLI', async (ctx) => {
  for (const json of [
    { to: '2024-03-01' },
    { days: 2, dates: ['2024-03-01'] },
    { days: 36_601 },
    { from: '1900-01-01', to: '2024-03-01' },
    { days: 0 },
    { dates: ['2024-02-30'] },
    { days: 'many' },
    { surprise: true },
  ]) {
    const r = await call(ctx.app!.url, '/ingest', { json, headers: admin.bearer });
    assert.is(r.status, 400, JSON.stringify(json));
  }
  const future = await call(ctx.app!.url, '/ingest', { json: { dates: ['2030-01-01'] }, headers: admin.bearer });
  assert.is(future.status, 400);
  assert.is(future.body.code, 'RATES.FUTURE_DATE');
});

t('409 INGEST.BUSY while another run holds the lock', async (ctx) => {
  const lock = ctx.app!.container.resolve<IngestionLock>(TOKENS.IngestionLock);
  assert.ok(await lock.acquire(INGESTION_LOCK, 60_000));
  try {
    const rest = await call(ctx.app!.url, '/ingest', { json: { days: 1 }, headers: admin.bearer });
    assert.is(rest.status, 409);
    assert.is(rest.body.code, 'INGEST.BUSY');
    assert.is((await trpcMutation(ctx.app!.url, 'ingest.run', { days: 1 }, admin.bearer)).status, 409);
  } finally {
    await lock.release(INGESTION_LOCK);
  }
});

t('runs lists the runs with their reports, quota shows the Fixer budget', async (ctx) => {
  const runs = await call(ctx.app!.url, '/ingest/runs?limit=5', { headers: admin.bearer });
  assert.is(runs.status, 200);
  assert.is(runs.body.runs.length, 2);
  // The test clock stands still, so both runs started at the same instant: compare as a set.
  assert.ok(runs.body.runs.every((r: { trigger: string }) => r.trigger === 'api'));
  assert.equal(runs.body.runs.map((r: { report: { inserted: string[] } }) => r.report.inserted.join(',')).sort(), [
    '2024-03-01,2024-03-02,2024-03-03',
    '2024-03-05',
  ]);
  const quota = await trpcQuery(ctx.app!.url, 'ingest.quota', {}, admin.bearer);
  const [fixer] = quota.body.result.data.providers;
  assert.is(fixer.provider, 'fixer');
  assert.is(fixer.limit, 10_000);
  assert.ok(fixer.used > 0);
  assert.is(fixer.used + fixer.remaining, 10_000);
});

t('a batch with an admin call is never cacheable, so its answer is not replayed to other callers', async (ctx) => {
  const url = ctx.app!.url;
  assert.is((await call(url, '/ingest', { json: { dates: ['2024-02-20'] }, headers: admin.bearer })).status, 200);
  const day = await call(url, '/trpc/rates.byDate?input=' + encodeURIComponent(JSON.stringify({ date: '2024-02-20' })));
  assert.match(day.headers.get('cache-control') ?? '', /max-age=86400/, 'the day alone is immutable');
  const input = encodeURIComponent(JSON.stringify({ 0: { date: '2024-02-20' }, 1: {} }));
  const path = `/trpc/rates.byDate,ingest.runs?batch=1&input=${input}`;
  const batch = await call(url, path, { headers: admin.bearer });
  assert.is(batch.status, 200);
  assert.is(batch.headers.get('cache-control'), 'no-cache');
  const anonymous = await call(url, path);
  assert.is(anonymous.body[1].error.data.error, 'AUTH.REQUIRED', 'the run log is not replayed without a key');
});

t.run();
