import 'reflect-metadata';
import { container as root, type DependencyContainer } from 'tsyringe';
import { connectMongo, type MongoConnection } from '../adapters/mongo/connect.js';
import { MongoRateRepository } from '../adapters/mongo/mongo-rate-repository.js';
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
  await repo.init();
  c.register(TOKENS.RateRepository, { useValue: repo });
  return c;
}
