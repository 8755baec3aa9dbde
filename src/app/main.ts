// tsyringe needs the Reflect polyfill loaded before any decorated class.
import 'reflect-metadata';
import type { Server } from 'node:http';
import { startHttpServer } from '../adapters/http/server.js';
import type { MongoConnection } from '../adapters/mongo/connect.js';
import { ConfigError, loadConfig } from './config.js';
import { buildContainer } from './container.js';
import { httpApp } from './http-app.js';
import { createLogger } from './logger.js';
import { startScheduledIngestion } from './scheduled-ingestion.js';
import { TOKENS } from './tokens.js';

/** `npm start`: the API on PORT, over MONGODB_URI or the embedded database. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\n`);
      process.exit(2);
    }
    throw e;
  }
  const logger = createLogger(config.LOG_LEVEL);
  const c = await buildContainer(config, logger);
  const server: Server = await startHttpServer(httpApp(c), config.PORT, config.HOST);
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  logger.info(
    { url: `http://${config.HOST}:${port}` },
    'fxrates is serving (REST /rates/{date}, tRPC /trpc, /openapi.json)',
  );

  const schedule = await startScheduledIngestion(c);

  const stop = async (signal: string) => {
    logger.info({ signal }, 'shutting down');
    await schedule?.stop();
    await new Promise((r) => server.close(r));
    await c.resolve<MongoConnection>(TOKENS.Mongo).close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}

main().catch((e: unknown) => {
  process.stderr.write(`fxrates failed to start: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
