/** How the key travels: `access_key` query parameter (classic data.fixer.io) or `apikey` header (APILayer). */
export type FixerAuth = 'query' | 'header';

/** `auto`: try timeseries and fall back to day by day for good after a 105; `on`: always; `off`: never. */
export type FixerTimeseriesMode = 'auto' | 'on' | 'off';

export interface FixerOptions {
  /** e.g. `https://data.fixer.io/api` or `https://api.apilayer.com/fixer` (no trailing endpoint). */
  readonly baseUrl: string;
  readonly apiKey: string;
  readonly auth: FixerAuth;
  readonly timeseries: FixerTimeseriesMode;
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

export const FIXER_PROVIDER = 'fixer';

/** Defaults the composition root may use for whatever configuration leaves out. */
export const FIXER_DEFAULTS = {
  baseUrl: 'https://data.fixer.io/api',
  timeseries: 'auto',
  retries: 3,
  timeoutMs: 10_000,
  breakerHalfOpenMs: 60_000,
  breakerThreshold: 5,
  retryInitialDelayMs: 500,
  retryMaxDelayMs: 30_000,
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
