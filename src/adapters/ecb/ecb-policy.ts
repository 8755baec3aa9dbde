import type { Logger } from '../../domain/logger.js';
import {
  createProviderPolicy,
  type PolicyEvents,
  type ProviderPolicy,
  type ProviderPolicyOptions,
} from '../resilience/provider-policy.js';
import { ECB_DEFAULTS, ECB_PROVIDER } from './ecb-options.js';

/** The shared provider policy, logged as `ecb`. Build one per process: the breaker only works shared. */
export function createEcbPolicy(options: ProviderPolicyOptions, logger: Logger, events?: PolicyEvents): ProviderPolicy {
  return createProviderPolicy(
    ECB_PROVIDER,
    {
      ...options,
      retryInitialDelayMs: options.retryInitialDelayMs ?? ECB_DEFAULTS.retryInitialDelayMs,
      retryMaxDelayMs: options.retryMaxDelayMs ?? ECB_DEFAULTS.retryMaxDelayMs,
    },
    logger,
    events,
  );
}
