import 'reflect-metadata';
import { container as root, type DependencyContainer } from 'tsyringe';
import { createFixerPolicy, FixerRateProvider } from '../adapters/fixer/index.js';
import { connectMongo, type MongoConnection } from '../adapters/mongo/connect.js';
import { MongoIngestionRunLog } from '../adapters/mongo/mongo-ingestion-run-log.js';
import { MongoRateRepository } from '../adapters/mongo/mongo-rate-repository.js';
import { MongoRequestBudget } from '../adapters/mongo/mongo-request-budget.js';
import { MongoRunCoordinator } from '../adapters/mongo/mongo-run-coordinator.js';
import type { Logger } from '../domain/logger.js';
import type { Config } from './config.js';
import { TOKENS } from './tokens.js';

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
  await Promise.all([repo.init(), runLog.init()]);
  c.register(TOKENS.RateRepository, { useValue: repo });
  c.register(TOKENS.IngestionRunLog, { useValue: runLog });
  c.register(TOKENS.RunCoordinator, { useValue: new MongoRunCoordinator(mongo.db) });

  // 0 means "no budget": for paid plans whose quota is far beyond what ingestion uses.
  const budget = new MongoRequestBudget(mongo.db, config.FIXER_MONTHLY_QUOTA > 0 ? { fixer: config.FIXER_MONTHLY_QUOTA } : {});
  c.register(TOKENS.RequestBudget, { useValue: budget });
  if (config.FIXER_API_KEY) {
    const options = {
      baseUrl: config.FIXER_BASE_URL,
      apiKey: config.FIXER_API_KEY,
      auth: config.FIXER_AUTH,
      timeseries: config.FIXER_TIMESERIES,
      retries: config.FIXER_RETRIES,
      timeoutMs: config.FIXER_TIMEOUT_MS,
      breakerHalfOpenMs: config.FIXER_BREAKER_HALF_OPEN_MS,
      breakerThreshold: config.FIXER_BREAKER_THRESHOLD,
    };
    // One policy for the process: the circuit breaker only protects Fixer if every call shares it.
    const policy = createFixerPolicy(options, logger);
    c.register(TOKENS.RateProvider, { useValue: new FixerRateProvider(options, policy, budget, logger) });
  }
  return c;
}
