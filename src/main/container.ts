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
import type { Logger } from '../domain/logger.js';
import type { Config } from './config.js';
import { registerApplication } from './wiring.js';
import { TOKENS } from '../app/tokens.js';

/**
 * The composition root: the one place that picks implementations for the ports (MongoDB), then wires
 * the application over them with `registerApplication`, which tests and the bench call with parts of
 * their own.
 */
export async function buildContainer(config: Config, logger: Logger): Promise<DependencyContainer> {
  const c = root.createChildContainer();
  const mongo = await connectMongo(
    { uri: config.MONGODB_URI, dbName: config.MONGODB_DB, embeddedDir: config.EMBEDDED_MONGO_DIR },
    logger,
  );
  c.register<MongoConnection>(TOKENS.Mongo, { useValue: mongo });
  // Reads that may scan stop at the request deadline: past it nobody waits for them (only the HTTP
  // reads are such reads; ingestion's are key lookups and listings, which take no limit).
  const repo = new MongoRateRepository(mongo.db, { scanTimeMs: config.REQUEST_DEADLINE_MS });
  const runLog = new MongoIngestionRunLog(mongo.db);
  const coordinator = new MongoRunCoordinator(mongo.db);
  const catalog = new MongoCurrencyCatalog(mongo.db);
  // 0 means "no budget": for paid plans whose quota is far beyond what ingestion uses.
  const store = new MongoRequestBudget(
    mongo.db,
    config.FIXER_MONTHLY_QUOTA > 0 ? { fixer: config.FIXER_MONTHLY_QUOTA } : {},
  );
  const generation = new MongoDataGeneration(mongo.db);
  // Each adapter prepares its own storage (indexes): idempotent, on every start.
  await Promise.all([repo.init(), runLog.init(), coordinator.init(), store.init(), generation.init()]);
  // After the repository: on first start with this version it fills from the stored rates.
  await catalog.init();
  c.register(TOKENS.RunCoordinator, { useValue: coordinator });
  registerApplication(c, {
    config,
    logger,
    now: () => new Date(),
    repo,
    catalog,
    generation,
    runLog,
    lock: coordinator,
    budget: withConfiguredEndpoints(store, { fixer: config.FIXER_BASE_URL }),
  });
  return c;
}
