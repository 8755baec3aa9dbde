import 'reflect-metadata';
import { container, type DependencyContainer } from 'tsyringe';
import { InMemoryCurrencyCatalog } from '../../src/adapters/memory/in-memory-currency-catalog.js';
import { InMemoryDataGeneration } from '../../src/adapters/memory/in-memory-data-generation.js';
import { InMemoryIngestionRunLog } from '../../src/adapters/memory/in-memory-ingestion-run-log.js';
import { InMemoryRequestBudget } from '../../src/adapters/memory/in-memory-request-budget.js';
import { InMemoryRateRepository } from '../../src/adapters/memory/in-memory-rate-repository.js';
import { parseConfig } from '../../src/app/config.js';
import { ListCurrencies } from '../../src/app/list-currencies.js';
import { RateReader } from '../../src/app/rate-reader.js';
import { RatesChangeFeed } from '../../src/app/rates-change-feed.js';
import { TOKENS } from '../../src/app/tokens.js';
import { Metrics } from '../../src/adapters/metrics/metrics.js';
import { STORAGE_BASE } from '../../src/domain/currency.js';
import type { CurrencyCatalog } from '../../src/domain/currency-catalog.js';
import type { DataGeneration } from '../../src/domain/data-generation.js';
import { silentLogger, type Logger } from '../../src/domain/logger.js';
import type { RateProvider } from '../../src/domain/rate-provider.js';
import type { RateRepository } from '../../src/domain/rate-repository.js';
import type { RequestBudget } from '../../src/domain/request-budget.js';
import { InMemoryIngestionLock } from './in-memory-lock.js';

export interface TestContainerOptions {
  repo?: RateRepository;
  catalog?: CurrencyCatalog;
  provider?: RateProvider | null;
  now?: () => Date;
  env?: Record<string, string>;
  logger?: Logger;
  /** Default: in memory. */
  generation?: DataGeneration;
  /** Default: 100 Fixer requests a month, in memory. */
  budget?: RequestBudget;
}

/** A child container wired like the composition root, with doubles (in memory) unless given real parts. */
export function testContainer(opts: TestContainerOptions = {}): DependencyContainer {
  const c = container.createChildContainer();
  c.register(TOKENS.Config, { useValue: parseConfig({ OVERLOAD_EVENT_LOOP_DELAY_MS: '0', ...opts.env }) });
  c.register(TOKENS.Logger, { useValue: opts.logger ?? silentLogger });
  c.register(TOKENS.Clock, { useValue: opts.now ?? (() => new Date()) });
  c.register(TOKENS.RateRepository, { useValue: opts.repo ?? new InMemoryRateRepository() });
  c.register(TOKENS.CurrencyCatalog, { useValue: opts.catalog ?? new InMemoryCurrencyCatalog() });
  c.register(TOKENS.RatesChangeFeed, { useValue: new RatesChangeFeed() });
  c.register(TOKENS.DataGeneration, { useValue: opts.generation ?? new InMemoryDataGeneration() });
  c.registerSingleton(RateReader);
  // One per process: its currency list is kept between requests.
  c.registerSingleton(ListCurrencies);
  // A factory, not a value: tsyringe treats `useValue: null` as no registration at all.
  c.register(TOKENS.OptionalRateProvider, { useFactory: () => opts.provider ?? null });
  if (opts.provider) c.register(TOKENS.RateProvider, { useValue: opts.provider });
  c.register(TOKENS.IngestionRunLog, { useValue: new InMemoryIngestionRunLog() });
  c.register(TOKENS.RequestBudget, { useValue: opts.budget ?? new InMemoryRequestBudget({ fixer: 100 }) });
  c.register(TOKENS.IngestionLock, { useValue: new InMemoryIngestionLock() });
  // One Metrics, as in the composition root: what ingestion reports is what /metrics shows.
  const repo = c.resolve<RateRepository>(TOKENS.RateRepository);
  const now = opts.now ?? (() => new Date());
  const budget = c.resolve<RequestBudget>(TOKENS.RequestBudget);
  const metrics = new Metrics({
    now,
    quota: async () => [await budget.status('fixer', now())],
    newestDay: async () => {
      const day = await repo.findLatest(STORAGE_BASE);
      return day ? new Date(`${day.date}T00:00:00Z`) : null;
    },
  });
  c.register(Metrics, { useValue: metrics });
  c.register(TOKENS.IngestionMetrics, { useValue: metrics });
  return c;
}
