import { isBrokenCircuitError } from 'cockatiel';
import { ProviderError } from '../../domain/errors.js';
import { isTimeoutError } from './provider-policy.js';

export interface PolicyCallContext {
  readonly provider: string;
  /** How errors name the request, e.g. `GET /2024-01-02` (never a URL that could hold a key). */
  readonly what: string;
  readonly timeoutMs: number;
  readonly breakerHalfOpenMs: number;
  /** The caller's signal: a cancelled attempt is a timeout unless the caller aborted. */
  readonly signal?: AbortSignal | undefined;
}

/**
 * cockatiel's own outcomes as domain errors: an open circuit concerns every request of the provider;
 * a cancelled attempt is the caller's abort or the per-attempt timeout. All are transient (a later
 * call may succeed). Anything else is not a policy outcome: undefined, for the caller to handle.
 */
export function policyFailure(e: unknown, call: PolicyCallContext): ProviderError | undefined {
  if (isBrokenCircuitError(e)) {
    return new ProviderError(
      call.provider,
      'transient',
      'CIRCUIT_OPEN',
      `${call.what} not sent: circuit open after repeated transient failures; retry after ${call.breakerHalfOpenMs} ms`,
      'provider',
    );
  }
  if (isTimeoutError(e)) {
    return call.signal?.aborted
      ? new ProviderError(call.provider, 'transient', 'ABORTED', `${call.what} cancelled by the caller`)
      : new ProviderError(
          call.provider,
          'transient',
          'TIMEOUT',
          `${call.what} got no answer within ${call.timeoutMs} ms`,
        );
  }
  return undefined;
}
