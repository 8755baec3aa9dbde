import { createEcbPolicy, ECB_DEFAULTS, EcbRateProvider } from '../adapters/ecb/index.js';
import { createFixerPolicy, FixerRateProvider } from '../adapters/fixer/index.js';
import type { Logger } from '../domain/logger.js';
import type { RateProvider } from '../domain/rate-provider.js';
import type { RequestBudget } from '../domain/request-budget.js';
import type { Config } from './config.js';
import type { IngestionMetrics } from '../app/ingestion-metrics.js';
import { MeteredProvider } from '../app/metered-provider.js';
import { ProviderChain } from '../app/provider-chain.js';

/**
 * The providers of `PROVIDERS`, in that order, as one provider (a chain when there are several), or
 * null when none can run. Part of the composition root: each policy is built once per process,
 * because a circuit breaker only protects a provider if every call shares it.
 */
export function buildProvider(
  config: Config,
  budget: RequestBudget,
  logger: Logger,
  metrics: IngestionMetrics,
): RateProvider | null {
  const providers: RateProvider[] = [];
  for (const name of config.PROVIDERS) {
    if (name === 'fixer') {
      if (!config.FIXER_API_KEY) {
        logger.warn({}, 'PROVIDERS names fixer but FIXER_API_KEY is not set: fixer is left out');
        continue;
      }
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
      const policy = createFixerPolicy(options, logger, metrics);
      providers.push(new MeteredProvider(new FixerRateProvider(options, policy, budget, logger), metrics));
    } else if (name === 'ecb') {
      const options = {
        ...ECB_DEFAULTS,
        baseUrl: config.ECB_BASE_URL,
        retries: config.ECB_RETRIES,
        timeoutMs: config.ECB_TIMEOUT_MS,
      };
      const policy = createEcbPolicy(options, logger, metrics);
      providers.push(new MeteredProvider(new EcbRateProvider(options, policy, logger), metrics));
    }
  }
  if (providers.length === 0) return null;
  return providers.length === 1 ? providers[0]! : new ProviderChain(providers, logger);
}
