import { ProviderError, type ProviderErrorKind } from '../../domain/errors.js';
import { ECB_PROVIDER } from './ecb-options.js';

/**
 * Statuses other than 2xx: 5xx and 408 are infrastructure faults worth retrying, and so is 429 (the ECB
 * has no quota; a 429 can only be a CDN shedding load). Other 4xx (a wrong base URL's 404) would fail
 * the same way again.
 */
export function kindOfHttpStatus(status: number): ProviderErrorKind {
  return status >= 500 || status === 408 || status === 429 ? 'transient' : 'permanent';
}

export function httpFailure(status: number, what: string): ProviderError {
  const kind = kindOfHttpStatus(status);
  // A permanent 4xx means the base URL is wrong: every file fails alike.
  return new ProviderError(
    ECB_PROVIDER,
    kind,
    `HTTP_${status}`,
    `${what} answered HTTP ${status}`,
    kind === 'permanent' ? 'provider' : 'request',
  );
}

export const transientFailure = (code: string, message: string): ProviderError =>
  new ProviderError(ECB_PROVIDER, 'transient', code, message);

/**
 * An ECB document that parsed but breaks the format (missing parts, a bad date, a rate that is not a
 * positive number): the same file would be served again until the ECB fixes it, so it is not retried.
 */
export const invalidResponse = (what: string, detail: string): ProviderError =>
  new ProviderError(ECB_PROVIDER, 'permanent', 'INVALID_RESPONSE', `${what} returned an invalid response: ${detail}`);
