import { createHash } from 'node:crypto';
import * as assert from 'uvu/assert';
import { InMemoryRateRepository } from '../../../src/adapters/memory/in-memory-rate-repository.js';
import { startTestApp, type TestApp } from '../../support/app.js';
import { buildFetched } from '../../support/builders.js';
import { suite } from '../../support/suite.js';

const NOW = new Date('2024-03-10T12:00:00Z');
const t = suite<{ app?: TestApp }>('ETags made from the body, without the edge cache', {});

t.before.each(async (ctx) => {
  const repo = new InMemoryRateRepository();
  await repo.upsertMany([buildFetched({ date: '2024-01-02', rates: { EUR: 1, USD: 1.1, GBP: 0.86 } })]);
  // Nothing replayed: every answer below is made by the procedures and the REST route.
  ctx.app = await startTestApp({ repo, now: () => NOW, env: { RESPONSE_CACHE_MAX_ENTRIES: '0', PROVIDERS: 'fixer' } });
});
t.after.each(async (ctx) => ctx.app?.close());

const tagOf = (text: string) => `"${createHash('sha256').update(text).digest('base64url').slice(0, 27)}"`;

t("a REST answer's ETag is the hash of exactly its body", async (ctx) => {
  const url = ctx.app!.url;
  for (const path of ['/rates/2024-01-02', '/rates/2024-01-02?symbols=USD', '/convert?from=USD&to=GBP&amount=3']) {
    const res = await fetch(`${url}${path}`, { headers: { 'accept-encoding': 'identity' } });
    assert.is(res.status, 200, path);
    const body = await res.text();
    assert.is(res.headers.get('etag'), tagOf(body), path);
  }
});

/**
 * At `url`: If-None-Match (alone or in a list, weak or strong) and If-Modified-Since get 304 with the
 * same ETag and no body; another tag gets the whole answer again.
 */
async function assertConditionalAnswers(url: string): Promise<void> {
  const first = await fetch(url);
  const etag = first.headers.get('etag')!;
  const lastModified = first.headers.get('last-modified')!;
  assert.ok(etag && lastModified, 'the answer has both validators');
  const conditions: Record<string, string>[] = [
    { 'if-none-match': etag },
    { 'if-none-match': `"x", W/${etag}` },
    { 'if-modified-since': lastModified },
  ];
  for (const headers of conditions) {
    const res = await fetch(url, { headers });
    assert.is(res.status, 304, JSON.stringify(headers));
    assert.is(res.headers.get('etag'), etag);
    assert.is(await res.text(), '');
  }
  const other = await fetch(url, { headers: { 'if-none-match': '"other"' } });
  assert.is(other.status, 200);
  assert.equal(await other.json(), await first.json());
}

t('If-None-Match and If-Modified-Since get 304 with the same ETag; another tag gets the answer', async (ctx) => {
  await assertConditionalAnswers(`${ctx.app!.url}/rates/2024-01-02?symbols=GBP`);
});

t('tRPC too: the same conditions get the same 304s', async (ctx) => {
  const input = encodeURIComponent(JSON.stringify({ date: '2024-01-02' }));
  await assertConditionalAnswers(`${ctx.app!.url}/trpc/rates.byDate?input=${input}`);
});

t.run();
