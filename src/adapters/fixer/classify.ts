import { ProviderError, type ProviderErrorKind } from '../../domain/errors.js';
import { FIXER_PROVIDER } from './fixer-options.js';
import type { EnvelopeError } from './responses.js';

/**
 * Envelope codes. Only 104 (monthly quota) is not permanent: it clears next month or on upgrade, so it
 * is "quota", never retried. Everything else (101-103 key/account/function, 105 plan, 106 no data,
 * 2xx/3xx/4xx/5xx input errors, unknown codes) would fail the same way again.
 */
export const kindOfEnvelopeCode = (code: number): ProviderErrorKind => (code === 104 ? 'quota' : 'permanent');

/** Key, account, endpoint, quota and plan errors fail every request alike; the rest concern one request. */
const PROVIDER_WIDE_CODES = new Set([101, 102, 103, 104, 105]);
const PROVIDER_WIDE_STATUSES = new Set([401, 403, 429]);

/**
 * HTTP statuses other than 2xx: 429 is APILayer's quota; 5xx (524 included) and 408 are infrastructure
 * faults worth retrying; the gateway's 400/401/403/404 and anything else unexpected are permanent.
 */
export function kindOfHttpStatus(status: number): ProviderErrorKind {
  if (status === 429) return 'quota';
  if (status >= 500 || status === 408) return 'transient';
  return 'permanent';
}

/** HTTP statuses are reported as `HTTP_503`, envelope codes as numbers: Fixer reuses 404/503 for both. */
export const httpCode = (status: number): string => `HTTP_${status}`;

/** What the provider-wide codes mean, in words an operator acts on. */
const PLAIN_WORDS: Readonly<Record<number, string>> = {
  101: 'Fixer rejected the API key',
  102: 'the Fixer account is inactive',
  103: 'Fixer does not offer this endpoint',
  104: "the Fixer plan's monthly requests are spent",
  105: 'the Fixer plan does not allow this',
};

export function envelopeFailure(error: EnvelopeError, what: string): ProviderError {
  const detail = [error.type, error.info].filter((t) => t !== undefined && t !== '').join(': ');
  const words = PLAIN_WORDS[error.code];
  return new ProviderError(
    FIXER_PROVIDER,
    kindOfEnvelopeCode(error.code),
    error.code,
    words
      ? `${what} failed: ${words} (Fixer error ${error.code}${detail ? `: ${detail}` : ''})`
      : `${what} failed with Fixer error ${error.code}${detail ? ` (${detail})` : ''}`,
    PROVIDER_WIDE_CODES.has(error.code) ? 'provider' : 'request',
  );
}

export function httpFailure(status: number, gatewayMessage: string | undefined, what: string): ProviderError {
  const detail = gatewayMessage ? `: ${gatewayMessage}` : '';
  const words = status === 401 ? 'Fixer rejected the API key: ' : status === 429 ? 'monthly requests spent: ' : '';
  return new ProviderError(
    FIXER_PROVIDER,
    kindOfHttpStatus(status),
    httpCode(status),
    `${what} answered ${words}HTTP ${status}${detail}`,
    PROVIDER_WIDE_STATUSES.has(status) ? 'provider' : 'request',
  );
}

/** A body that parsed but breaks the contract (see parse-rates.ts for why this is permanent). */
export const invalidResponse = (code: string, what: string, detail: string): ProviderError =>
  new ProviderError(FIXER_PROVIDER, 'permanent', code, `${what} returned an invalid response: ${detail}`);

export const transientFailure = (code: string, message: string): ProviderError =>
  new ProviderError(FIXER_PROVIDER, 'transient', code, message);
