import type { DependencyContainer } from 'tsyringe';
import { Metrics } from '../adapters/metrics/metrics.js';
import { GenerationWatcher } from '../app/generation-watcher.js';
import { ListCurrencies } from '../app/list-currencies.js';
import { RateReader } from '../app/rate-reader.js';
import { RatesChangeFeed } from '../app/rates-change-feed.js';
import { RunIngestion } from '../app/run-ingestion.js';
import { TOKENS, type Clock } from '../app/tokens.js';
import { STORAGE_BASE } from '../domain/currency.js';
import type { CurrencyCatalog } from '../domain/currency-catalog.js';
import type { DataGeneration } from '../domain/data-generation.js';
import type { IngestionLock } from '../domain/ingestion-lock.js';
import type { IngestionRunLog } from '../domain/ingestion-run.js';
import type { Logger } from '../domain/logger.js';
import type { RateProvider } from '../domain/rate-provider.js';
import type { RateRepository } from '../domain/rate-repository.js';
import type { RequestBudget } from '../domain/request-budget.js';
import type { Config } from './config.js';
import { buildProvider } from './container-providers.js';

/** What a process is built from: the configuration, and an implementation of every port. */
export interface ApplicationParts {
  readonly config: Config;
  readonly logger: Logger;
  readonly now: Clock;
  readonly repo: RateRepository;
  readonly catalog: CurrencyCatalog;
  readonly generation: DataGeneration;
  readonly runLog: IngestionRunLog;
  readonly lock: IngestionLock;
  readonly budget: RequestBudget;
  /** Default: the providers `config.PROVIDERS` names; `null`: none. */
  readonly provider?: RateProvider | null;
}

/**
 * Registers the application over `parts` in `c`: the one wiring of use cases, caches, metrics and
 * providers, shared by the composition root (over MongoDB) and by tests and the bench (over doubles
 * or real parts of their choosing), so that what they run is wired as production is.
 */
export function registerApplication(c: DependencyContainer, parts: ApplicationParts): void {
  const { config, logger, now, budget } = parts;
  c.register(TOKENS.Config, { useValue: config });
  c.register(TOKENS.Logger, { useValue: logger });
  c.register(TOKENS.Clock, { useValue: now });
  c.register(TOKENS.RateRepository, { useValue: parts.repo });
  c.register(TOKENS.CurrencyCatalog, { useValue: parts.catalog });
  c.register(TOKENS.IngestionRunLog, { useValue: parts.runLog });
  c.register(TOKENS.IngestionLock, { useValue: parts.lock });
  c.register(TOKENS.RequestBudget, { useValue: budget });
  c.register(TOKENS.DataGeneration, { useValue: parts.generation });
  const feed = new RatesChangeFeed();
  c.register(TOKENS.RatesChangeFeed, { useValue: feed });
  // One per process: every cache of the process follows the shared data generation through the feed.
  c.register(GenerationWatcher, {
    useValue: new GenerationWatcher(parts.generation, feed, logger, config.GENERATION_POLL_MS),
  });
  // One per process, so that shutdown can wait for the run the schedule or an admin started.
  c.registerSingleton(RunIngestion);
  // One per process: every route reads through the same day cache (each use case would get its own).
  c.registerSingleton(RateReader);
  // One per process: its currency list is kept between requests.
  c.registerSingleton(ListCurrencies);
  // One Metrics for the process: ingestion, providers and /metrics all report to the same registry.
  const metrics = new Metrics({
    now,
    quota: async () => (config.FIXER_MONTHLY_QUOTA > 0 ? [await budget.status('fixer', now())] : []),
    newestDay: async () => {
      const day = await parts.repo.findLatest(STORAGE_BASE);
      return day ? new Date(`${day.date}T00:00:00Z`) : null;
    },
  });
  c.register(Metrics, { useValue: metrics });
  c.register(TOKENS.IngestionMetrics, { useValue: metrics });
  const provider = parts.provider !== undefined ? parts.provider : buildProvider(config, budget, logger, metrics);
  if (provider) c.register(TOKENS.RateProvider, { useValue: provider });
  // A factory, not a value: tsyringe treats `useValue: null` as no registration at all.
  c.register(TOKENS.OptionalRateProvider, { useFactory: () => provider });
}
