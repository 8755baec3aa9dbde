import { connect } from 'node:net';
import * as assert from 'uvu/assert';
import { InMemoryRateRepository } from '../../../../src/adapters/memory/in-memory-rate-repository.js';
import { startTestApp, type TestApp } from '../../../support/app.js';
import { buildFetched } from '../../../support/builders.js';
import { suite } from '../../../support/suite.js';

/**
 * The cache front answers hits before Fastify (no Origin, no stream asked, an admitted caller); the
 * hooks answer the rest. What a client sees must not tell them apart.
 */
const NOW = new Date('2024-03-10T12:00:00Z');
const DAY = '/rates/2024-01-02';

async function seeded(): Promise<InMemoryRateRepository> {
  const repo = new InMemoryRateRepository();
  await repo.upsertMany([
    buildFetched({ date: '2024-01-02', rates: { EUR: 1, USD: 1.1, GBP: 0.86 } }),
    buildFetched({ date: '2024-01-03', rates: { EUR: 1, USD: 1.2, GBP: 0.87 } }),
  ]);
  return repo;
}

/** Status, body and headers without what belongs to the connection or the moment. */
async function answer(app: TestApp, path: string, headers: Record<string, string> = {}, method = 'GET') {
  const res = await fetch(`${app.url}${path}`, { method, headers });
  const { date: _d, connection: _c, 'keep-alive': _k, ...rest } = Object.fromEntries(res.headers);
  return { status: res.status, headers: rest, body: await res.text() };
}

async function metric(app: TestApp, line: RegExp): Promise<number> {
  const text = await (await fetch(`${app.url}/metrics`)).text();
  const found = text.split('\n').find((l) => line.test(l));
  return found ? Number(found.split(' ').pop()) : 0;
}

type Ctx = { apps: TestApp[] };
const t = suite<Ctx>('edge cache front', { apps: [] });
t.after.each(async (ctx) => {
  await Promise.all(ctx.apps.map((a) => a.close()));
  ctx.apps = [];
});
const start = async (ctx: Ctx, env: Record<string, string>) => {
  const app = await startTestApp({ repo: await seeded(), now: () => NOW, env: { PROVIDERS: 'fixer', ...env } });
  ctx.apps.push(app);
  return app;
};

t('a hit carries the headers a miss had, CORS included, for `*` and for a list of origins', async (ctx) => {
  for (const origins of ['*', 'https://app.example']) {
    const app = await start(ctx, { CORS_ORIGINS: origins });
    const miss = await answer(app, DAY);
    const hit = await answer(app, DAY);
    assert.equal(hit, miss, origins);
    assert.is(hit.headers['access-control-allow-origin'], origins === '*' ? '*' : undefined, origins);
    assert.match(hit.headers['access-control-expose-headers'] ?? '', /ETag/);
    assert.match(hit.headers.vary ?? '', /Origin/);
    const head = await answer(app, DAY, {}, 'HEAD');
    assert.is(head.body, '');
    assert.equal({ ...head, body: hit.body }, hit, `${origins}: HEAD is GET without the body`);
  }
});

t('a browser call from another origin gets its own CORS headers on the same kept answer', async (ctx) => {
  const app = await start(ctx, { CORS_ORIGINS: 'https://app.example' });
  const plain = await answer(app, DAY);
  const listed = await answer(app, DAY, { origin: 'https://app.example' });
  const other = await answer(app, DAY, { origin: 'https://elsewhere.example' });
  assert.is(listed.body, plain.body);
  assert.is(listed.headers.etag, plain.headers.etag);
  assert.is(listed.headers['access-control-allow-origin'], 'https://app.example');
  assert.is(other.headers['access-control-allow-origin'], undefined, 'an unlisted origin is not allowed');
});

t('hits spend rate-limit tokens once each, and past the allowance get the usual 429', async (ctx) => {
  const app = await start(ctx, { RATE_LIMIT_PER_MINUTE: '4' });
  const statuses = [];
  for (let i = 0; i < 4; i++) statuses.push((await answer(app, DAY)).status);
  assert.equal(statuses, [200, 200, 200, 429], 'one miss (2 tokens), two hits (1 each), then refused');
  const refused = await answer(app, DAY);
  assert.is(refused.status, 429);
  assert.ok(Number(refused.headers['retry-after']) >= 1);
  assert.is(JSON.parse(refused.body).code, 'RATE_LIMITED');
  const fromBrowser = await answer(app, DAY, { origin: 'https://app.example' });
  assert.is(fromBrowser.status, 429);
  assert.is(fromBrowser.headers['access-control-allow-origin'], '*', 'a browser may read the refusal');
  assert.match(fromBrowser.headers['access-control-expose-headers'] ?? '', /Retry-After/);
});

t('hits are counted and labelled as the procedure that made them', async (ctx) => {
  const app = await start(ctx, {});
  await answer(app, DAY);
  const hitsBefore = await metric(app, /^fxrates_edge_cache_hits_total /);
  for (let i = 0; i < 3; i++) await answer(app, DAY);
  assert.is((await metric(app, /^fxrates_edge_cache_hits_total /)) - hitsBefore, 3);
  const served = await metric(app, /^fxrates_http_requests_total\{route="rates.byDate",method="GET",status="200"\}/);
  assert.is(served, 4);
});

t('a header the answer varies on is never answered with the entry remembered for the plain request', async (ctx) => {
  const app = await start(ctx, {});
  const batch = `/trpc/rates.byDate?batch=1&input=${encodeURIComponent(JSON.stringify({ 0: { date: '2024-01-02' } }))}`;
  const plain = await answer(app, batch);
  // A hit: the front remembers the target's entry.
  assert.equal(await answer(app, batch), plain);
  const streamed = await answer(app, batch, { 'trpc-accept': 'application/jsonl' });
  assert.is.not(streamed.body, plain.body, 'the jsonl stream, not the plain JSON answer');
  assert.equal(await answer(app, batch), plain, 'and the plain request still gets its own');
});

t('a stream is never answered from a kept JSON range; Accept does not split JSON answers', async (ctx) => {
  const app = await start(ctx, {});
  const range = '/rates?from=2024-01-02&to=2024-01-03';
  const json = await answer(app, range);
  assert.is(json.status, 200);
  assert.match(json.headers.vary ?? '', /Accept(,|$)/, 'the JSON range says it varies on Accept');
  const again = await answer(app, range, { accept: 'application/json' });
  assert.equal(again, json);
  const hitsBefore = await metric(app, /^fxrates_edge_cache_hits_total /);
  const csv = await answer(app, range, { accept: 'text/csv' });
  assert.match(csv.headers['content-type'] ?? '', /^text\/csv/);
  assert.match(csv.body, /^date,/);
  const ndjson = await answer(app, `${range}&format=ndjson`);
  assert.match(ndjson.headers['content-type'] ?? '', /^application\/x-ndjson/);
  assert.is(await metric(app, /^fxrates_edge_cache_hits_total /), hitsBefore, 'neither stream was a hit');
});

interface Asked {
  readonly method: 'GET' | 'HEAD';
  readonly path: string;
  readonly headers?: string;
}

/** The answers to `asked`, all sent at once on one connection: status line, headers, body. */
function pipelined(app: TestApp, asked: readonly Asked[]): Promise<{ head: string; body: string }[]> {
  const { hostname, port } = new URL(app.url);
  const raw = asked.map((a) => `${a.method} ${a.path} HTTP/1.1\r\nHost: x\r\n${a.headers ?? ''}\r\n`).join('');
  return new Promise((resolve, reject) => {
    let got = '';
    const socket = connect(Number(port), hostname, () => socket.write(raw, 'latin1'));
    socket.on('error', reject);
    socket.on('data', (d: Buffer) => {
      got += d.toString('latin1');
      const answers: { head: string; body: string }[] = [];
      let rest = got;
      for (const a of asked) {
        const at = rest.indexOf('\r\n\r\n');
        if (at < 0) return;
        const head = rest.slice(0, at);
        const bodyless = a.method === 'HEAD' || head.startsWith('HTTP/1.1 304');
        const length = bodyless ? 0 : Number(/\r\ncontent-length: (\d+)/i.exec(head)?.[1]);
        if (rest.length < at + 4 + length) return;
        answers.push({ head, body: rest.slice(at + 4, at + 4 + length) });
        rest = rest.slice(at + 4 + length);
      }
      socket.destroy();
      resolve(answers);
    });
  });
}

t(
  'pipelined requests on one connection get their answers in order, hits (written after the turn) among misses',
  async (ctx) => {
    const app = await start(ctx, {});
    const kept = await answer(app, DAY);
    const answers = await pipelined(app, [
      { method: 'GET', path: DAY },
      { method: 'GET', path: '/rates/2024-01-03' },
      { method: 'HEAD', path: DAY },
      { method: 'GET', path: DAY, headers: `If-None-Match: ${kept.headers.etag}\r\n` },
      { method: 'GET', path: DAY },
    ]);
    assert.equal(
      answers.map((a) => a.head.split('\r\n', 1)[0]),
      ['HTTP/1.1 200 OK', 'HTTP/1.1 200 OK', 'HTTP/1.1 200 OK', 'HTTP/1.1 304 Not Modified', 'HTTP/1.1 200 OK'],
    );
    assert.is(answers[0]!.body, kept.body);
    assert.is(JSON.parse(answers[1]!.body).date, '2024-01-03', 'the miss in the middle answered its own request');
    assert.is(answers[4]!.body, kept.body);
  },
);

t('many hits arriving together are each answered with their own kept answer', async (ctx) => {
  const app = await start(ctx, {});
  const paths = [DAY, '/rates/2024-01-03', `${DAY}?symbols=USD`, '/rates/2024-01-03?base=USD'];
  const expected = await Promise.all(paths.map((p) => answer(app, p)));
  const hitsBefore = await metric(app, /^fxrates_edge_cache_hits_total /);
  const asked = Array.from({ length: 200 }, (_, i) => i % paths.length);
  const got = await Promise.all(asked.map((i) => answer(app, paths[i]!)));
  got.forEach((a, n) => assert.equal(a, expected[asked[n]!], `request ${n}`));
  assert.is((await metric(app, /^fxrates_edge_cache_hits_total /)) - hitsBefore, 200);
});

t.run();
