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

/** retry ∘ circuit breaker ∘ per-attempt timeout. Build one per provider and process: the breaker only works shared. */
export type ProviderPolicy = IPolicy<IDefaultPolicyContext>;

/** Who else hears of retries and breaker changes (metrics), besides the log. */
export interface PolicyEvents {
  retry?(provider: string): void;
  breakerState?(provider: string, state: 'closed' | 'half-open' | 'open'): void;
}

export interface ProviderPolicyOptions {
  /** Retries after the first attempt, for transient failures only. */
  readonly retries: number;
  /** Per attempt. */
  readonly timeoutMs: number;
  /** How long an open circuit fails fast before letting one call through. */
  readonly breakerHalfOpenMs: number;
  /** Consecutive transient failures that open the circuit. */
  readonly breakerThreshold: number;
  /** First back-off delay (default 500 ms); later ones grow exponentially with jitter. */
  readonly retryInitialDelayMs?: number;
  /** Cap on one back-off delay (default 30 s). */
  readonly retryMaxDelayMs?: number;
}

export const PROVIDER_POLICY_DEFAULTS = {
  retryInitialDelayMs: 500,
  retryMaxDelayMs: 30_000,
} as const satisfies Partial<ProviderPolicyOptions>;

/**
 * cockatiel 3.2.1's own `isTaskCancelledError` tests for `isBulkheadRejectedError` (a copy-paste bug in
 * dist/errors/Errors.js), so it never recognises a timeout; check the brand field directly.
 */
export const isTimeoutError = (e: unknown): boolean =>
  e instanceof Error && (e as { isTaskCancelledError?: unknown }).isTaskCancelledError === true;

/** Only transient failures are retried and count towards opening the circuit; a timeout is one. */
export const isTransientFailure = (e: Error): boolean =>
  (isProviderError(e) && e.kind === 'transient') || isTimeoutError(e);

/** Error messages here are already secret-free: ProviderErrors are redacted at the source. */
const reasonOf = (r: { error: Error } | { value: unknown }): string =>
  'error' in r ? r.error.message : 'unexpected result';

/**
 * The resilience every provider gets: transient failures retried with exponential back-off and
 * (cockatiel's default decorrelated) jitter, a consecutive-failure breaker, and a per-attempt timeout
 * that aborts the attempt's signal. Retries and breaker state changes are logged under `providerName`.
 */
export function createProviderPolicy(
  providerName: string,
  options: ProviderPolicyOptions,
  logger: Logger,
  events: PolicyEvents = {},
): ProviderPolicy {
  const transient = handleWhen(isTransientFailure);
  const retries = retry(transient, {
    maxAttempts: options.retries,
    backoff: new ExponentialBackoff({
      initialDelay: options.retryInitialDelayMs ?? PROVIDER_POLICY_DEFAULTS.retryInitialDelayMs,
      maxDelay: options.retryMaxDelayMs ?? PROVIDER_POLICY_DEFAULTS.retryMaxDelayMs,
    }),
  });
  const breaker = circuitBreaker(transient, {
    halfOpenAfter: options.breakerHalfOpenMs,
    breaker: new ConsecutiveBreaker(options.breakerThreshold),
  });
  const perAttempt = timeout(options.timeoutMs, TimeoutStrategy.Aggressive);

  const fields = { provider: providerName };
  retries.onRetry(() => events.retry?.(providerName));
  breaker.onBreak(() => events.breakerState?.(providerName, 'open'));
  breaker.onHalfOpen(() => events.breakerState?.(providerName, 'half-open'));
  breaker.onReset(() => events.breakerState?.(providerName, 'closed'));
  retries.onRetry((e) =>
    logger.warn(
      { ...fields, attempt: e.attempt, of: options.retries, delayMs: Math.round(e.delay), reason: reasonOf(e) },
      `${providerName}: transient failure, retrying`,
    ),
  );
  breaker.onBreak((e) =>
    logger.error(
      { ...fields, halfOpenAfterMs: options.breakerHalfOpenMs, reason: 'isolated' in e ? 'isolated' : reasonOf(e) },
      `${providerName}: circuit opened, calls fail fast until it half-opens`,
    ),
  );
  breaker.onHalfOpen(() => logger.info(fields, `${providerName}: circuit half-open, letting one call through`));
  breaker.onReset(() => logger.info(fields, `${providerName}: circuit closed, calls flow again`));
  return wrap(retries, breaker, perAttempt);
}
