import type { Logger } from '../../domain/logger.js';
import {
  createProviderPolicy,
  type PolicyEvents,
  type ProviderPolicy,
  type ProviderPolicyOptions,
} from '../resilience/provider-policy.js';
import { ECB_PROVIDER } from './ecb-options.js';

/** The shared provider policy, logged and counted as `ecb`. Build one per process: the breaker only works shared. */
export function createEcbPolicy(options: ProviderPolicyOptions, logger: Logger, events?: PolicyEvents): ProviderPolicy {
  return createProviderPolicy(ECB_PROVIDER, options, logger, events);
}
