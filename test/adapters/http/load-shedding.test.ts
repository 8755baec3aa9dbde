import * as assert from 'uvu/assert';
import { InMemoryRateRepository } from '../../../src/adapters/memory/in-memory-rate-repository.js';
import { startTestApp } from '../../support/app.js';
import { buildFetched } from '../../support/builders.js';
import { call } from '../../support/http.js';
import { conformance } from '../../support/openapi-conformance.js';
import { startOutageRig } from '../../support/outage-app.js';
import { suite } from '../../support/suite.js';

const t = suite('load shedding and the per-request deadline');
const MB = 1024 * 1024;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

t('over the memory bound: work is shed with 503 SERVICE.OVERLOADED; probes and edge-cached answers flow', async () => {
  const now = new Date('2024-03-10T12:00:00Z');
  const repo = new InMemoryRateRepository();
  await repo.upsertMany([buildFetched({ date: '2024-01-02' })]);
  const app = await startTestApp({
    repo,
    now: () => now,
    env: {
      PROVIDERS: 'fixer',
      OVERLOAD_EVENT_LOOP_DELAY_MS: '0',
      // The app runs in this process: its bound is what the process holds now plus 150 MB.
      OVERLOAD_MAX_RSS_MB: String(Math.ceil(process.memoryUsage().rss / MB) + 150),
    },
  });
  let ballast: Buffer | undefined;
  try {
    const settled = await call(app.url, '/rates/2024-01-02');
    assert.is(settled.status, 200);
    assert.match(settled.headers.get('cache-control') ?? '', /max-age=86400/, 'immutable: kept by the edge cache');
    assert.is((await call(app.url, '/healthz')).status, 200);
    // 300 MB written (so resident), then a few samples of the pressure monitor.
    ballast = Buffer.alloc(300 * MB, 1);
    // A new amount each time: an answer the edge cache holds would be served, as it should be.
    const uncached = (i: number) => `/convert?from=EUR&to=USD&amount=${i + 1}&date=2024-01-02`;
    let shed = await call(app.url, uncached(0));
    for (let i = 1; i <= 20 && shed.status !== 503; i++) {
      await sleep(100);
      shed = await call(app.url, uncached(i));
    }
    assert.is(shed.status, 503);
    assert.is(shed.body.code, 'SERVICE.OVERLOADED');
    assert.match(shed.body.message, /short of memory/);
    assert.is(shed.headers.get('retry-after'), '2');
    assert.is(shed.headers.get('cache-control'), 'no-store');
    const check = conformance((await call(app.url, '/openapi.json')).body);
    check('GET', '/convert', shed, 503, 'shed');
    const trpc = await call(app.url, '/trpc/rates.latest?input=%7B%7D');
    assert.is(trpc.status, 503);
    assert.is(trpc.body.error.data.error, 'SERVICE.OVERLOADED');
    for (const probe of ['/healthz', '/readyz', '/metrics', '/openapi.json']) {
      assert.is((await call(app.url, probe)).status, 200, `${probe} still answers`);
    }
    const replayed = await call(app.url, '/rates/2024-01-02');
    assert.is(replayed.status, 200, 'an answer the edge cache holds is still served');
    assert.equal(replayed.body, settled.body);
    assert.is((await call(app.url, '/rates/2024-01-03')).status, 503, 'an uncached day is shed');
  } finally {
    ballast = undefined;
    void ballast;
    await app.close();
  }
});

t('a request the database cannot answer within REQUEST_DEADLINE_MS gets 503 REQUEST.DEADLINE_EXCEEDED', async () => {
  const rig = await startOutageRig('fxrates_deadline', { env: { REQUEST_DEADLINE_MS: '300' } });
  const { mongo, app } = rig;
  try {
    assert.is((await call(app.url, '/rates/2024-01-02')).status, 200, 'answered well within the deadline');
    // A hung server, not a stopped one: the read is sent and no answer comes (a stopped server's
    // refused connections would fail the read at once, as STORAGE.UNAVAILABLE).
    await mongo.freeze();
    const late = await call(app.url, '/rates/2024-01-02');
    assert.is(late.status, 503);
    assert.is(late.body.code, 'REQUEST.DEADLINE_EXCEEDED');
    assert.match(late.body.message, /no answer within 300 ms/);
    conformance((await call(app.url, '/openapi.json')).body)('GET', '/rates/{date}', late, 503, 'late');
    assert.is(late.headers.get('cache-control'), 'no-store');
    const trpc = await call(app.url, '/trpc/rates.byDate?input=' + encodeURIComponent('{"date":"2024-01-02"}'));
    assert.is(trpc.status, 503);
    assert.is(trpc.body.error.data.error, 'REQUEST.DEADLINE_EXCEEDED');
    assert.is((await call(app.url, '/healthz')).status, 200, 'the process itself answers while reads wait');
    // The held reads are answered once the server goes on; their answers are dropped and the service carries on.
    mongo.thaw();
    let back = 0;
    for (let i = 0; i < 40 && back !== 200; i++) {
      back = (await call(app.url, '/rates/2024-01-02')).status;
      if (back !== 200) await sleep(250);
    }
    assert.is(back, 200, 'answers again once the database answers');
  } finally {
    await rig.dispose();
  }
});

t.run();
