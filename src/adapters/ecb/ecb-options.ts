import type { ProviderPolicyOptions } from '../resilience/provider-policy.js';

export interface EcbOptions extends ProviderPolicyOptions {
  /** Folder holding the three XML files, e.g. `https://www.ecb.europa.eu/stats/eurofxref` (no trailing file). */
  readonly baseUrl: string;
}

export const ECB_PROVIDER = 'ecb';

/** Defaults of the adapter: the configuration (src/main/config.ts) takes them from here. */
export const ECB_DEFAULTS = {
  baseUrl: 'https://www.ecb.europa.eu/stats/eurofxref',
  retries: 3,
  // The full history is several MB (compressed far less): allow a slow link to bring it in.
  timeoutMs: 30_000,
  breakerHalfOpenMs: 60_000,
  breakerThreshold: 5,
} as const satisfies EcbOptions;
