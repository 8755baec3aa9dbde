import { MongoClient } from 'mongodb';
import * as assert from 'uvu/assert';
import { spawnServer, type ServerProcess } from '../../bench/child-process.js';
import { MongoRateRepository } from '../../src/adapters/mongo/mongo-rate-repository.js';
import { RATES_COLLECTION } from '../../src/adapters/mongo/rate-document.js';
import { currency } from '../../src/domain/currency.js';
import { addDays, utcDateOf, type IsoDate } from '../../src/domain/iso-date.js';
import { startStoppableMongo, type StoppableMongo } from '../support/stoppable-mongo.js';
import { suite } from '../support/suite.js';

/**
 * A service process over a database that stops and comes back. While it cannot read the data
 * generation it cannot know what changed; once the database answers again it must drop what it kept
 * rather than serve it stale, even for a change it could never hear of (here: written without a
 * change record, as a process of an older version would).
 */
interface Ctx {
  mongo?: StoppableMongo;
  client?: MongoClient;
  service?: ServerProcess;
}

const t = suite<Ctx>('A database outage does not leave a process serving stale answers', {});
const DB = 'fxrates_outage_coherence';
const DAY: IsoDate = addDays(utcDateOf(new Date()), -1);

t.before(async (ctx) => {
  ctx.mongo = await startStoppableMongo();
  ctx.client = await MongoClient.connect(ctx.mongo.uri, { serverSelectionTimeoutMS: 5000, heartbeatFrequencyMS: 500 });
  const repo = new MongoRateRepository(ctx.client.db(DB));
  await repo.init();
  await repo.upsertMany([
    {
      date: DAY,
      base: currency('EUR'),
      provider: 'fixer',
      rates: { EUR: 1, USD: 1.1 },
      sourceTimestamp: null,
      fetchedAt: new Date(`${addDays(DAY, 1)}T01:00:00Z`),
    },
  ]);
  ctx.service = await spawnServer({
    entry: 'bench/serve.ts',
    env: {
      MONGODB_URI: ctx.mongo.uri,
      MONGODB_DB: DB,
      PROVIDERS: 'fixer',
      FIXER_API_KEY: 'unused-key',
      RATE_LIMIT_PER_MINUTE: '0',
      LOG_LEVEL: 'error',
      GENERATION_POLL_MS: '200',
    },
  });
});

t.after(async (ctx) => {
  await ctx.service?.stop();
  await ctx.client?.close();
  await ctx.mongo?.dispose();
});

async function usd(ctx: Ctx, path: string): Promise<{ status: number; usd: number | undefined }> {
  const res = await fetch(`${ctx.service!.url}${path}`);
  const body = (await res.json()) as { currency_rates?: { USD?: number } };
  return { status: res.status, usd: body.currency_rates?.USD };
}

t('after the database returns, kept days and the newest day are read again', async (ctx) => {
  const paths = [`/rates/${DAY}?symbols=USD`, '/rates/latest?symbols=USD'];
  for (const p of paths) for (let i = 0; i < 2; i++) assert.equal(await usd(ctx, p), { status: 200, usd: 1.1 }, p);

  await ctx.mongo!.stop();
  // Down: a day not kept cannot be read (so the process has seen the outage), kept ones still answer.
  for (;;) {
    const r = await fetch(`${ctx.service!.url}/rates/${addDays(DAY, -30)}`);
    await r.arrayBuffer();
    if (r.status === 503) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  // An outage of a few polls (GENERATION_POLL_MS is 200 here), not a blip.
  await new Promise((r) => setTimeout(r, 1500));
  await ctx.mongo!.start();
  // Written while this process could not follow: no change record, as an older version writes.
  await ctx
    .client!.db(DB)
    .collection(RATES_COLLECTION)
    .updateOne({ _id: `${DAY}|EUR|fixer` as never }, { $set: { 'rates.USD': 1.2 }, $inc: { revision: 1 } });

  // Once it reads the generation again it drops everything: the new value, never the kept one for long.
  const seen = new Map<string, number | undefined>();
  for (let i = 0; i < 200 && [...seen.values()].filter((v) => v === 1.2).length < paths.length; i++) {
    for (const p of paths) {
      const r = await usd(ctx, p);
      if (r.status === 200) seen.set(p, r.usd);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.equal(Object.fromEntries(seen), Object.fromEntries(paths.map((p) => [p, 1.2])));
});

t.run();
