import 'reflect-metadata';
import { container, type DependencyContainer } from 'tsyringe';
import { InMemoryCurrencyCatalog } from '../../src/adapters/memory/in-memory-currency-catalog.js';
import { InMemoryDataGeneration } from '../../src/adapters/memory/in-memory-data-generation.js';
import { InMemoryIngestionRunLog } from '../../src/adapters/memory/in-memory-ingestion-run-log.js';
import { InMemoryRequestBudget } from '../../src/adapters/memory/in-memory-request-budget.js';
import { InMemoryRateRepository } from '../../src/adapters/memory/in-memory-rate-repository.js';
import { parseConfig } from '../../src/main/config.js';
import { registerApplication } from '../../src/main/wiring.js';
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

/** A child container wired by the composition root's own wiring, over doubles (in memory) unless given real parts. */
export function testContainer(opts: TestContainerOptions = {}): DependencyContainer {
  const c = container.createChildContainer();
  registerApplication(c, {
    // Shedding off unless a test asks for it: a busy CI machine must not produce spurious 503s.
    config: parseConfig({ OVERLOAD_EVENT_LOOP_DELAY_MS: '0', ...opts.env }),
    logger: opts.logger ?? silentLogger,
    now: opts.now ?? (() => new Date()),
    repo: opts.repo ?? new InMemoryRateRepository(),
    catalog: opts.catalog ?? new InMemoryCurrencyCatalog(),
    generation: opts.generation ?? new InMemoryDataGeneration(),
    runLog: new InMemoryIngestionRunLog(),
    lock: new InMemoryIngestionLock(),
    budget: opts.budget ?? new InMemoryRequestBudget({ fixer: 100 }),
    // Tests name their provider (a sandbox's); none unless given.
    provider: opts.provider ?? null,
  });
  return c;
}
