export { FixerRateProvider } from './fixer-rate-provider.js';
export {
  defaultFixerAuth,
  FIXER_DEFAULTS,
  FIXER_PROVIDER,
  type FixerAuth,
  type FixerOptions,
  type FixerTimeseriesMode,
} from './fixer-options.js';
export { createFixerPolicy, type FixerPolicy, type FixerPolicyOptions } from './policies.js';
