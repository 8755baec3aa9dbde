import type { Db } from 'mongodb';
import { FIXER_DEFAULTS, type FixerOptions } from '../../src/adapters/fixer/fixer-options.js';
import { FixerRateProvider } from '../../src/adapters/fixer/fixer-rate-provider.js';
import { createFixerPolicy } from '../../src/adapters/fixer/policies.js';
import { InMemoryRequestBudget } from '../../src/adapters/memory/in-memory-request-budget.js';
import { MongoCurrencyCatalog } from '../../src/adapters/mongo/mongo-currency-catalog.js';
import { MongoIngestionRunLog } from '../../src/adapters/mongo/mongo-ingestion-run-log.js';
import { MongoRateRepository } from '../../src/adapters/mongo/mongo-rate-repository.js';
import { IngestRates } from '../../src/app/ingest-rates.js';
import { TOKENS } from '../../src/app/tokens.js';
import { silentLogger, type Logger } from '../../src/domain/logger.js';
import { testContainer } from './container.js';

export interface IngestStack {
  readonly ingest: IngestRates;
  readonly repo: MongoRateRepository;
  readonly runs: MongoIngestionRunLog;
}

export interface IngestStackOptions {
  readonly db: Db;
  /** The Fixer sandbox's classic URL (`…/api`). */
  readonly fixerUrl: string;
  readonly apiKey: string;
  /** Production defaults unless overridden. */
  readonly fixer?: Partial<FixerOptions>;
  readonly concurrency: number;
  readonly now: () => Date;
  readonly logger?: Logger;
}

/**
 * The ingest use case as the composition root wires it (its own breaker, MongoDB storage, run log
 * and catalog on `db`), talking to the Fixer sandbox over HTTP. No budget limit: quota is not what
 * these runs measure.
 */
export async function ingestStack(o: IngestStackOptions): Promise<IngestStack> {
  const logger = o.logger ?? silentLogger;
  const options: FixerOptions = {
    ...FIXER_DEFAULTS,
    baseUrl: o.fixerUrl,
    apiKey: o.apiKey,
    auth: 'query',
    ...o.fixer,
  };
  const budget = new InMemoryRequestBudget({ fixer: 1_000_000 });
  const provider = new FixerRateProvider(options, createFixerPolicy(options, logger), budget, logger, o.now);
  const repo = new MongoRateRepository(o.db);
  const runs = new MongoIngestionRunLog(o.db);
  const catalog = new MongoCurrencyCatalog(o.db);
  await Promise.all([repo.init(), runs.init()]);
  await catalog.init();
  const c = testContainer({
    repo,
    catalog,
    provider,
    now: o.now,
    logger,
    env: { INGEST_CONCURRENCY: String(o.concurrency) },
  });
  c.register(TOKENS.IngestionRunLog, { useValue: runs });
  return { ingest: c.resolve(IngestRates), repo, runs };
}
