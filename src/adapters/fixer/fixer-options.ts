import type { ProviderPolicyOptions } from '../resilience/provider-policy.js';

/** How the key travels: `access_key` query parameter (classic data.fixer.io) or `apikey` header (APILayer). */
export type FixerAuth = 'query' | 'header';

/** `auto`: try timeseries and fall back to day by day for good after a 105; `on`: always; `off`: never. */
export type FixerTimeseriesMode = 'auto' | 'on' | 'off';

export interface FixerOptions extends ProviderPolicyOptions {
  /** e.g. `https://data.fixer.io/api` or `https://api.apilayer.com/fixer` (no trailing endpoint). */
  readonly baseUrl: string;
  readonly apiKey: string;
  readonly auth: FixerAuth;
  readonly timeseries: FixerTimeseriesMode;
}

export const FIXER_PROVIDER = 'fixer';

/** Defaults of the adapter: the configuration (src/main/config.ts) takes them from here, and so does the bench. */
export const FIXER_DEFAULTS = {
  baseUrl: 'https://data.fixer.io/api',
  timeseries: 'auto',
  retries: 3,
  timeoutMs: 10_000,
  breakerHalfOpenMs: 30_000,
  breakerThreshold: 5,
} as const satisfies Partial<FixerOptions>;

/** APILayer URLs end in `/fixer` and want the header; everything else is the classic query parameter. */
export function defaultFixerAuth(baseUrl: string): FixerAuth {
  let path: string;
  try {
    path = new URL(baseUrl).pathname;
  } catch {
    path = baseUrl;
  }
  return path.replace(/\/+$/, '').endsWith('/fixer') ? 'header' : 'query';
}
