import 'reflect-metadata';
import { container as root, type DependencyContainer } from 'tsyringe';
import { connectMongo, type MongoConnection } from '../adapters/mongo/connect.js';
import { MongoIngestionRunLog } from '../adapters/mongo/mongo-ingestion-run-log.js';
import { MongoRateRepository } from '../adapters/mongo/mongo-rate-repository.js';
import { MongoRequestBudget } from '../adapters/mongo/mongo-request-budget.js';
import { withConfiguredEndpoints } from './configured-endpoints.js';
import { MongoRunCoordinator } from '../adapters/mongo/mongo-run-coordinator.js';
import { MongoCurrencyCatalog } from '../adapters/mongo/mongo-currency-catalog.js';
import { MongoDataGeneration } from '../adapters/mongo/mongo-data-generation.js';
import { GenerationWatcher } from '../app/generation-watcher.js';
import type { Logger } from '../domain/logger.js';
import { ListCurrencies } from '../app/list-currencies.js';
import { RateReader } from '../app/rate-reader.js';
import { RatesChangeFeed } from '../app/rates-change-feed.js';
import { Metrics } from '../adapters/metrics/metrics.js';
import { STORAGE_BASE } from '../domain/currency.js';
import type { Config } from './config.js';
import { buildProvider } from './container-providers.js';
import { RunIngestion } from '../app/run-ingestion.js';
import { TOKENS } from '../app/tokens.js';

/**
 * The composition root: the one place that picks implementations for the ports. Tests build their
 * own child container and register doubles instead.
 */
export async function buildContainer(config: Config, logger: Logger): Promise<DependencyContainer> {
  const c = root.createChildContainer();
  c.register(TOKENS.Config, { useValue: config });
  c.register(TOKENS.Logger, { useValue: logger });
  c.register(TOKENS.Clock, { useValue: () => new Date() });

  const mongo = await connectMongo(
    { uri: config.MONGODB_URI, dbName: config.MONGODB_DB, embeddedDir: config.EMBEDDED_MONGO_DIR },
    logger,
  );
  c.register<MongoConnection>(TOKENS.Mongo, { useValue: mongo });
  const repo = new MongoRateRepository(mongo.db);
  const runLog = new MongoIngestionRunLog(mongo.db);
  const coordinator = new MongoRunCoordinator(mongo.db);
  const catalog = new MongoCurrencyCatalog(mongo.db);
  // 0 means "no budget": for paid plans whose quota is far beyond what ingestion uses.
  const store = new MongoRequestBudget(
    mongo.db,
    config.FIXER_MONTHLY_QUOTA > 0 ? { fixer: config.FIXER_MONTHLY_QUOTA } : {},
  );
  const budget = withConfiguredEndpoints(store, { fixer: config.FIXER_BASE_URL });
  await Promise.all([repo.init(), runLog.init(), coordinator.init(), store.init()]);
  // After the repository: on first start with this version it fills from the stored rates.
  await catalog.init();
  c.register(TOKENS.CurrencyCatalog, { useValue: catalog });
  const feed = new RatesChangeFeed();
  c.register(TOKENS.RatesChangeFeed, { useValue: feed });
  const generation = new MongoDataGeneration(mongo.db);
  c.register(TOKENS.DataGeneration, { useValue: generation });
  // One per process: every cache of the process follows the shared data generation through the feed.
  c.register(GenerationWatcher, {
    useValue: new GenerationWatcher(generation, feed, logger, config.GENERATION_POLL_MS),
  });
  c.register(TOKENS.RateRepository, { useValue: repo });
  c.register(TOKENS.IngestionRunLog, { useValue: runLog });
  c.register(TOKENS.RunCoordinator, { useValue: coordinator });
  c.register(TOKENS.IngestionLock, { useValue: coordinator });
  // One per process, so that shutdown can wait for the run the schedule or an admin started.
  c.registerSingleton(RunIngestion);
  // One per process: every route reads through the same day cache (each use case would get its own).
  c.registerSingleton(RateReader);
  // One per process: its currency list is kept between requests.
  c.registerSingleton(ListCurrencies);
  c.register(TOKENS.RequestBudget, { useValue: budget });
  // One Metrics for the process: ingestion, providers and /metrics all report to the same registry.
  const metrics = new Metrics({
    now: () => new Date(),
    quota: async () => (config.FIXER_MONTHLY_QUOTA > 0 ? [await budget.status('fixer', new Date())] : []),
    newestDay: async () => {
      const day = await repo.findLatest(STORAGE_BASE);
      return day ? new Date(`${day.date}T00:00:00Z`) : null;
    },
  });
  c.register(Metrics, { useValue: metrics });
  c.register(TOKENS.IngestionMetrics, { useValue: metrics });
  const provider = buildProvider(config, budget, logger, metrics);
  if (provider) c.register(TOKENS.RateProvider, { useValue: provider });
  // A factory, not a value: tsyringe treats `useValue: null` as no registration at all.
  c.register(TOKENS.OptionalRateProvider, { useFactory: () => provider });
  return c;
}
