import 'reflect-metadata';
import { container, type DependencyContainer } from 'tsyringe';
import { InMemoryCurrencyCatalog } from '../../src/adapters/memory/in-memory-currency-catalog.js';
import { InMemoryRateRepository } from '../../src/adapters/memory/in-memory-rate-repository.js';
import { parseConfig } from '../../src/app/config.js';
import { RatesChangeFeed } from '../../src/app/rates-change-feed.js';
import { TOKENS } from '../../src/app/tokens.js';
import type { CurrencyCatalog } from '../../src/domain/currency-catalog.js';
import { silentLogger, type Logger } from '../../src/domain/logger.js';
import type { RateProvider } from '../../src/domain/rate-provider.js';
import type { RateRepository } from '../../src/domain/rate-repository.js';

export interface TestContainerOptions {
  repo?: RateRepository;
  catalog?: CurrencyCatalog;
  provider?: RateProvider | null;
  now?: () => Date;
  env?: Record<string, string>;
  logger?: Logger;
}

/** A child container wired like the composition root, with doubles (in memory) unless given real parts. */
export function testContainer(opts: TestContainerOptions = {}): DependencyContainer {
  const c = container.createChildContainer();
  c.register(TOKENS.Config, { useValue: parseConfig(opts.env ?? {}) });
  c.register(TOKENS.Logger, { useValue: opts.logger ?? silentLogger });
  c.register(TOKENS.Clock, { useValue: opts.now ?? (() => new Date()) });
  c.register(TOKENS.RateRepository, { useValue: opts.repo ?? new InMemoryRateRepository() });
  c.register(TOKENS.CurrencyCatalog, { useValue: opts.catalog ?? new InMemoryCurrencyCatalog() });
  c.register(TOKENS.RatesChangeFeed, { useValue: new RatesChangeFeed() });
  // A factory, not a value: tsyringe treats `useValue: null` as no registration at all.
  c.register(TOKENS.OptionalRateProvider, { useFactory: () => opts.provider ?? null });
  if (opts.provider) c.register(TOKENS.RateProvider, { useValue: opts.provider });
  return c;
}
