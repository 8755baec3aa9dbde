import type { Logger } from '../../domain/logger.js';
import {
  createProviderPolicy,
  type PolicyEvents,
  type ProviderPolicy,
  type ProviderPolicyOptions,
} from '../resilience/provider-policy.js';
import { FIXER_PROVIDER } from './fixer-options.js';

/** retry ∘ circuit breaker ∘ per-attempt timeout. Build one per process and share it: the breaker only works shared. */
export type FixerPolicy = ProviderPolicy;

export type FixerPolicyOptions = ProviderPolicyOptions;

/** The shared provider policy, logged and counted as `fixer`. */
export function createFixerPolicy(options: FixerPolicyOptions, logger: Logger, events?: PolicyEvents): FixerPolicy {
  return createProviderPolicy(FIXER_PROVIDER, options, logger, events);
}
