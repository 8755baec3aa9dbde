import type { Logger } from '../../domain/logger.js';
import { createProviderPolicy, type PolicyEvents, type ProviderPolicy } from '../resilience/provider-policy.js';
import { FIXER_DEFAULTS, FIXER_PROVIDER, type FixerOptions } from './fixer-options.js';

export { isTimeoutError, isTransientFailure } from '../resilience/provider-policy.js';

/** retry ∘ circuit breaker ∘ per-attempt timeout. Build one per process and share it: the breaker only works shared. */
export type FixerPolicy = ProviderPolicy;

export type FixerPolicyOptions = Pick<
  FixerOptions,
  'retries' | 'timeoutMs' | 'breakerHalfOpenMs' | 'breakerThreshold' | 'retryInitialDelayMs' | 'retryMaxDelayMs'
>;

/** The shared provider policy, logged as `fixer`, with Fixer's back-off defaults. */
export function createFixerPolicy(options: FixerPolicyOptions, logger: Logger, events?: PolicyEvents): FixerPolicy {
  return createProviderPolicy(
    FIXER_PROVIDER,
    {
      ...options,
      retryInitialDelayMs: options.retryInitialDelayMs ?? FIXER_DEFAULTS.retryInitialDelayMs,
      retryMaxDelayMs: options.retryMaxDelayMs ?? FIXER_DEFAULTS.retryMaxDelayMs,
    },
    logger,
    events,
  );
}
