/**
 * The service as API testers should meet it, for scripts/schemathesis.sh: the real container and HTTP
 * edge over MONGODB_URI, seeded with 60 final days of sandbox rates ending yesterday and January 2024, ingesting from
 * the Fixer sandbox on loopback (so POST /ingest really runs), one admin key, no rate limit.
 * Prints one JSON line `{ "url", "key" }` when it listens; stops and drops its database on SIGTERM.
 */
import 'reflect-metadata';
import { MongoClient } from 'mongodb';
import { seedDays } from '../test/support/seed-rates.js';
import { apiKeyEntry, newApiKey } from '../src/app/api-keys.js';
import { startHttpServer } from '../src/adapters/http/server.js';
import type { MongoConnection } from '../src/adapters/mongo/connect.js';
import { parseConfig } from '../src/main/config.js';
import { buildContainer } from '../src/main/container.js';
import { httpApp } from '../src/main/http-app.js';
import { createLogger } from '../src/main/logger.js';
import { TOKENS } from '../src/app/tokens.js';
import { addDays, isoDate, utcDateOf } from '../src/domain/iso-date.js';
import { startFixerSandbox } from '../src/sandbox/fixer/fixer-sandbox.js';

const uri = process.env.MONGODB_URI;
if (!uri) {
  process.stderr.write('MONGODB_URI is required (scripts/with-ferretdb.sh provides one)\n');
  process.exit(2);
}
const dbName = `fxrates_schemathesis_${process.pid}`;
const client = await MongoClient.connect(uri, { serverSelectionTimeoutMS: 5000 });
await seedDays(client.db(dbName), addDays(utcDateOf(new Date()), -1), 60);
// The document's examples name January 2024: "Try it out" and testers starting from them meet stored days.
await seedDays(client.db(dbName), isoDate('2024-01-31'), 31);
const sandbox = await startFixerSandbox({ key: 'sandbox-key' });
const key = newApiKey();
const config = parseConfig({
  MONGODB_URI: uri,
  MONGODB_DB: dbName,
  FIXER_BASE_URL: sandbox.url,
  FIXER_API_KEY: 'sandbox-key',
  PROVIDERS: 'fixer',
  INGEST_ENABLED: 'false',
  API_KEYS: apiKeyEntry('schemathesis', 'admin', key),
  RATE_LIMIT_PER_MINUTE: '0',
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'error',
});
const c = await buildContainer(config, createLogger(config.LOG_LEVEL));
const app = httpApp(c);
const server = await startHttpServer(app, 0, '127.0.0.1');
const address = server.address();
const port = typeof address === 'object' && address ? address.port : 0;
process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${port}`, key })}\n`);

process.once('SIGTERM', () => {
  void (async () => {
    await app.close();
    await sandbox.close();
    await c.resolve<MongoConnection>(TOKENS.Mongo).close();
    await client.db(dbName).dropDatabase();
    await client.close();
    process.exit(0);
  })();
});
