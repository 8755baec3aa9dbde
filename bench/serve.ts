/**
 * The service as `npm start` builds it (real container, real HTTP app, MongoDB), minus scheduled
 * ingestion, on a free loopback port that it reports to its parent over IPC. Configuration comes
 * from the environment only (no .env file), so a benchmark or test controls every setting.
 */
import 'reflect-metadata';
import { startHttpServer } from '../src/adapters/http/server.js';
import type { MongoConnection } from '../src/adapters/mongo/connect.js';
import { parseConfig } from '../src/main/config.js';
import { buildContainer } from '../src/main/container.js';
import { GenerationWatcher } from '../src/app/generation-watcher.js';
import { httpApp } from '../src/main/http-app.js';
import { createLogger } from '../src/main/logger.js';
import { TOKENS } from '../src/app/tokens.js';

const config = parseConfig({ ...process.env, INGEST_ENABLED: 'false' });
const logger = createLogger(config.LOG_LEVEL);
const c = await buildContainer(config, logger);
// As `npm start` does: this process hears of other processes' writes through the data generation.
const watcher = c.resolve(GenerationWatcher);
await watcher.start();
const server = await startHttpServer(httpApp(c), 0, '127.0.0.1');
const address = server.address();
process.send?.({ port: typeof address === 'object' && address ? address.port : 0 });

// A clean exit on SIGTERM, so that `--cpu-prof` writes its profile.
process.once('SIGTERM', () => {
  server.closeAllConnections();
  server.close();
  void watcher
    .stop()
    .then(() => c.resolve<MongoConnection>(TOKENS.Mongo).close())
    .finally(() => process.exit(0));
});
