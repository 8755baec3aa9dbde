import { createTRPCClient, httpLink } from '@trpc/client';
import * as assert from 'uvu/assert';
import type { AppRouter } from '../../src/adapters/http/app-router.js';
import { InMemoryCurrencyCatalog } from '../../src/adapters/memory/in-memory-currency-catalog.js';
import { InMemoryRateRepository } from '../../src/adapters/memory/in-memory-rate-repository.js';
import { problemOf } from '../../src/web/problem.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { buildFetched } from '../support/builders.js';
import { apiKeysEnv, testKey } from '../support/http.js';
import { suite } from '../support/suite.js';

/**
 * The page's reading of real failures, through the same typed client the page uses: tRPC's envelope
 * (`data.error`) and the edge's own error body (`{ error, code, message }`) alike.
 */
const admin = testKey('page-admin', 'admin');
const t = suite<{ app?: TestApp }>('home page: what a failed call says', {});

t.before(async (ctx) => {
  const days = [buildFetched({ date: '2024-01-02' })];
  const repo = new InMemoryRateRepository();
  const catalog = new InMemoryCurrencyCatalog();
  await repo.upsertMany(days);
  await catalog.record(days);
  ctx.app = await startTestApp({
    repo,
    catalog,
    now: () => new Date('2024-01-05T12:00:00Z'),
    env: { API_KEYS: apiKeysEnv(admin), RATE_LIMIT_PER_MINUTE: '3' },
  });
});
t.after(async (ctx) => {
  await ctx.app?.close();
});

const client = (ctx: { app?: TestApp }, key?: string) =>
  createTRPCClient<AppRouter>({
    links: [httpLink({ url: `${ctx.app!.url}/trpc`, headers: key ? { 'x-api-key': key } : {} })],
  });

const failure = (call: Promise<unknown>) =>
  call.then(
    () => assert.unreachable('the call should fail'),
    (e: unknown) => problemOf(e),
  );

t('a body over the limit: the edge’s error body is read for its code and detail', async (ctx) => {
  const dates = Array.from({ length: 3000 }, () => '2024-01-02');
  const problem = await failure(client(ctx, admin.key).ingest.run.mutate({ dates } as never));
  assert.is(problem!.status, 413);
  assert.is(problem!.code, 'REQUEST.TOO_LARGE');
  assert.match(problem!.message, /body/i);
});

t('an unknown key, then the rate limit: tRPC’s envelope gives the code; the page says what to do', async (ctx) => {
  const wrong = await failure(client(ctx, 'not-a-key').currencies.list.query({}));
  assert.is(wrong!.status, 401);
  assert.is(wrong!.code, 'AUTH.INVALID_KEY');
  assert.match(wrong!.message, 'The API key was not accepted');
  const reader = client(ctx);
  let limited;
  for (let i = 0; i < 10 && !limited; i++) {
    limited = await reader.currencies.list.query({}).then(
      () => undefined,
      (e: unknown) => problemOf(e),
    );
  }
  assert.is(limited?.status, 429);
  assert.is(limited?.code, 'RATE_LIMITED');
  assert.match(limited?.message ?? '', /Too many requests: try again in \d+ s/);
});

t.run();
