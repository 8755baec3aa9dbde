import * as assert from 'uvu/assert';
import { parseConfig } from '../../src/main/config.js';
import { startRigApp, startTestApp, type TestApp } from '../support/app.js';
import { apiKeysEnv, call, testKey } from '../support/http.js';
import { ingestRig, type IngestRig } from '../support/ingest-rig.js';
import { parsePrometheus, total } from '../support/prometheus.js';
import { suite } from '../support/suite.js';

const admin = testKey('ops', 'admin');
const t = suite<{ rig?: IngestRig; app?: TestApp }>('/metrics', {});

t.before(async (ctx) => {
  ctx.rig = await ingestRig();
  ctx.app = await startRigApp(ctx.rig, { env: { API_KEYS: apiKeysEnv(admin) } });
});
t.after(async (ctx) => {
  await ctx.app?.close();
  await ctx.rig?.dispose();
});

const scrape = async (ctx: { app?: TestApp }) => {
  const r = await fetch(`${ctx.app!.url}/metrics`);
  assert.is(r.status, 200);
  assert.match(r.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/);
  return parsePrometheus(await r.text());
};

t('parses as Prometheus text, with the process metrics', async (ctx) => {
  const samples = await scrape(ctx);
  assert.ok(samples.some((s) => s.name === 'fxrates_process_cpu_user_seconds_total'));
  // The process has started and served: it has used CPU time.
  assert.ok(total(samples, 'fxrates_process_cpu_user_seconds_total') > 0);
  assert.ok(samples.some((s) => s.name === 'fxrates_nodejs_heap_size_used_bytes'));
  assert.ok(samples.some((s) => s.name === 'fxrates_provider_quota_remaining' && s.labels.provider === 'fixer'));
});

t('request counts and latencies move, labelled by procedure, never by raw URL', async (ctx) => {
  const before = await scrape(ctx);
  await call(ctx.app!.url, '/rates/2024-01-02?symbols=USD');
  await call(ctx.app!.url, '/trpc/currencies.list?input=%7B%7D');
  await call(ctx.app!.url, '/no/such/path/12345');
  const after = await scrape(ctx);
  const moved = (labels: Record<string, string>) =>
    total(after, 'fxrates_http_requests_total', labels) - total(before, 'fxrates_http_requests_total', labels);
  assert.is(moved({ route: 'rates.byDate', status: '404' }), 1);
  assert.is(moved({ route: 'currencies.list', status: '200', method: 'GET' }), 1);
  assert.is(moved({ route: 'unknown', status: '404' }), 1);
  assert.ok(total(after, 'fxrates_http_request_duration_seconds_count', { route: 'rates.byDate' }) >= 1);
  const routes = new Set(after.filter((s) => s.labels.route).map((s) => s.labels.route));
  assert.ok(
    [...routes].every((r) => /^[a-z_.]+$/i.test(r!)),
    [...routes].join(' '),
  );
});

t('an ingest moves the ingestion counters, the quota left and the newest day age', async (ctx) => {
  const before = await scrape(ctx);
  assert.not.ok(
    before.some((s) => s.name === 'fxrates_newest_rates_age_seconds'),
    'nothing stored yet',
  );
  const r = await call(ctx.app!.url, '/ingest', { json: { days: 3 }, headers: admin.bearer });
  assert.is(r.status, 200);
  const after = await scrape(ctx);
  assert.is(total(after, 'fxrates_ingestion_runs_total', { trigger: 'api', outcome: 'ok' }), 1);
  assert.is(total(after, 'fxrates_ingestion_days_total', { provider: 'fixer', result: 'fetched' }), 3);
  const left = (s: typeof after) => total(s, 'fxrates_provider_quota_remaining', { provider: 'fixer' });
  assert.ok(left(after) < left(before), 'quota left went down');
  // Newest day 2024-06-14, clock 2024-06-15 12:00 UTC: 36 hours.
  assert.is(total(after, 'fxrates_newest_rates_age_seconds'), 36 * 3600);
});

t('METRICS_ALLOW restricts /metrics to the peers it names (403 for others); probes stay open', async () => {
  const elsewhere = await startTestApp({ env: { METRICS_ALLOW: '10.0.0.0/8, 192.168.0.0/16' } });
  try {
    const refused = await call(elsewhere.url, '/metrics', { headers: { 'x-forwarded-for': '10.1.2.3' } });
    assert.is(refused.status, 403, 'the socket peer (loopback) is checked, not what the request claims');
    assert.is(refused.body.code, 'AUTH.FORBIDDEN');
    assert.is((await call(elsewhere.url, '/healthz')).status, 200);
    assert.is((await call(elsewhere.url, '/readyz')).status, 200);
  } finally {
    await elsewhere.close();
  }
  const local = await startTestApp({ env: { METRICS_ALLOW: 'loopback' } });
  try {
    assert.is((await call(local.url, '/metrics')).status, 200);
  } finally {
    await local.close();
  }
  assert.throws(() => parseConfig({ METRICS_ALLOW: 'not-an-address' }));
});

t.run();
