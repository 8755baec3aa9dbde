// tsyringe needs the Reflect polyfill loaded before any decorated class.
import 'reflect-metadata';
import cluster from 'node:cluster';
import { startHttpServer } from '../adapters/http/server.js';
import { clusterScrape, serveClusterMetrics } from '../adapters/metrics/cluster-metrics.js';
import type { Metrics } from '../adapters/metrics/metrics.js';
import type { MongoConnection } from '../adapters/mongo/connect.js';
import type { Logger } from '../domain/logger.js';
import { drainable } from './close-server.js';
import { runPrimary, SHUTDOWN_MESSAGE } from './cluster-primary.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { buildContainer } from './container.js';
import { GenerationWatcher } from '../app/generation-watcher.js';
import { gracefulShutdown } from './graceful-shutdown.js';
import { httpApp } from './http-app.js';
import { createLogger } from './logger.js';
import { startScheduledIngestion } from './scheduled-ingestion.js';
import { RunIngestion } from '../app/run-ingestion.js';
import { TOKENS } from '../app/tokens.js';

/** `npm start`: the API on PORT, over MONGODB_URI or the embedded database; WORKERS processes. */
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
  if (config.WORKERS > 1 && cluster.isPrimary) {
    if (!config.MONGODB_URI) {
      // Each worker would start its own embedded database on the same files.
      process.stderr.write('WORKERS > 1 needs MONGODB_URI: the embedded database serves one process\n');
      process.exit(2);
    }
    serveClusterMetrics();
    logger.info({ workers: config.WORKERS }, 'starting workers');
    return runPrimary({ workers: config.WORKERS, shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS, logger });
  }
  await serve(config, logger);
}

/** One serving process: the whole app when WORKERS=1, else one cluster worker. */
async function serve(config: Config, logger: Logger): Promise<void> {
  const worker = cluster.isWorker ? cluster.worker : undefined;
  const log = worker ? (logger as Logger & { child(b: object): Logger }).child({ worker: worker.id }) : logger;
  // The primary may ask us to stop while we still start: remember it, and stop once started.
  let trigger: (reason: string) => void = (reason) => void (stopAsked ??= reason);
  let stopAsked: string | undefined;
  if (worker) {
    process.on('message', (m: { type?: string }) => m?.type === SHUTDOWN_MESSAGE && trigger('primary'));
    // The primary is gone: nobody hands this worker connections any more.
    process.once('disconnect', () => trigger('primary exited'));
  }
  const c = await buildContainer(config, log);
  // Before serving: from the first request on, this process hears of every other process's writes.
  const watcher = c.resolve(GenerationWatcher);
  await watcher.start();
  const app = httpApp(c, {
    ...(worker ? { scrape: (m: Metrics) => clusterScrape(m.registry), workerId: String(worker.id) } : {}),
  });
  const server = await startHttpServer(app, config.PORT, config.HOST);
  const drain = drainable(server);
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  log.info(
    { url: `http://${config.HOST}:${port}` },
    'fxrates is serving (REST /rates/{date}, tRPC /trpc, /openapi.json)',
  );

  const schedule = await startScheduledIngestion(c);
  const shutdown = gracefulShutdown(
    {
      closeServer: () => drain.close(),
      // No new tick starts; the run in progress finishes (within the shutdown timeout) and is recorded.
      stopIngestion: async () => {
        await schedule?.stop();
        // Without a provider no run can have started (and RunIngestion cannot be built).
        if (c.isRegistered(TOKENS.RateProvider, true)) await c.resolve(RunIngestion).settled();
      },
      closeDatabase: async () => {
        await watcher.stop();
        await c.resolve<MongoConnection>(TOKENS.Mongo).close();
      },
    },
    { timeoutMs: config.SHUTDOWN_TIMEOUT_MS, logger: log },
  );
  trigger = shutdown.trigger;
  if (stopAsked !== undefined) trigger(stopAsked);
}

main().catch((e: unknown) => {
  process.stderr.write(`fxrates failed to start: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
