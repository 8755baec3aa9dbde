import {
  circuitBreaker,
  ConsecutiveBreaker,
  ExponentialBackoff,
  handleWhen,
  retry,
  timeout,
  TimeoutStrategy,
  wrap,
  type IDefaultPolicyContext,
  type IPolicy,
} from 'cockatiel';
import { isProviderError } from '../../domain/errors.js';
import type { Logger } from '../../domain/logger.js';
import { FIXER_DEFAULTS, FIXER_PROVIDER, type FixerOptions } from './fixer-options.js';

/** retry ∘ circuit breaker ∘ per-attempt timeout. Build one per process and share it: the breaker only works shared. */
export type FixerPolicy = IPolicy<IDefaultPolicyContext>;

export type FixerPolicyOptions = Pick<
  FixerOptions,
  'retries' | 'timeoutMs' | 'breakerHalfOpenMs' | 'breakerThreshold' | 'retryInitialDelayMs' | 'retryMaxDelayMs'
>;

/**
 * cockatiel 3.2.1's own `isTaskCancelledError` tests for `isBulkheadRejectedError` (a copy-paste bug in
 * dist/errors/Errors.js), so it never recognises a timeout; check the brand field directly.
 */
export const isTimeoutError = (e: unknown): boolean =>
  e instanceof Error && (e as { isTaskCancelledError?: unknown }).isTaskCancelledError === true;

/** Only transient failures are retried and count towards opening the circuit; a timeout is one. */
export const isTransientFailure = (e: Error): boolean =>
  (isProviderError(e) && e.kind === 'transient') || isTimeoutError(e);

/** Error messages here are already key-free: ProviderErrors are redacted at the source. */
const reasonOf = (r: { error: Error } | { value: unknown }): string =>
  'error' in r ? r.error.message : 'unexpected result';

export function createFixerPolicy(options: FixerPolicyOptions, logger: Logger): FixerPolicy {
  const transient = handleWhen(isTransientFailure);
  const retries = retry(transient, {
    maxAttempts: options.retries,
    backoff: new ExponentialBackoff({
      initialDelay: options.retryInitialDelayMs ?? FIXER_DEFAULTS.retryInitialDelayMs,
      maxDelay: options.retryMaxDelayMs ?? FIXER_DEFAULTS.retryMaxDelayMs,
    }),
  });
  const breaker = circuitBreaker(transient, {
    halfOpenAfter: options.breakerHalfOpenMs,
    breaker: new ConsecutiveBreaker(options.breakerThreshold),
  });
  const perAttempt = timeout(options.timeoutMs, TimeoutStrategy.Aggressive);

  const fields = { provider: FIXER_PROVIDER };
  retries.onRetry((e) =>
    logger.warn(
      { ...fields, attempt: e.attempt, of: options.retries, delayMs: Math.round(e.delay), reason: reasonOf(e) },
      'fixer: transient failure, retrying',
    ),
  );
  breaker.onBreak((e) =>
    logger.error(
      { ...fields, halfOpenAfterMs: options.breakerHalfOpenMs, reason: 'isolated' in e ? 'isolated' : reasonOf(e) },
      'fixer: circuit opened, calls fail fast until it half-opens',
    ),
  );
  breaker.onHalfOpen(() => logger.info(fields, 'fixer: circuit half-open, letting one call through'));
  breaker.onReset(() => logger.info(fields, 'fixer: circuit closed, calls flow again'));
  return wrap(retries, breaker, perAttempt);
}
