/** `free`: EUR base only, no timeseries/fluctuation/convert (105). `paid`: everything. */
export type SandboxPlan = 'free' | 'paid';

/** Answer every request for one of `dates` with the envelope error `code` (e.g. 106). */
export interface DateError {
  readonly dates: readonly string[];
  readonly code: number;
}

/**
 * Behaviour that can change at run time through `set()`. Fractions are 0..1 of requests, drawn from a
 * seeded generator so that a run with the same seed and requests meets the same faults.
 */
export interface FixerSandboxSettings {
  /** Accepted key for both `access_key` (classic) and the `apikey` header (APILayer). */
  readonly key: string;
  readonly plan: SandboxPlan;
  /** Requests per calendar month (UTC) before 104 (classic) or HTTP 429 (APILayer). */
  readonly monthlyQuota: number;
  /** Added to every answer. */
  readonly latencyMs: number;
  /** Up to this much more, uniformly drawn. */
  readonly jitterMs: number;
  /** Answered with one of `failStatuses` and an HTML error page. */
  readonly failRate: number;
  readonly failStatuses: readonly number[];
  /** HTTP 200 with an HTML maintenance page instead of JSON. */
  readonly htmlRate: number;
  /** HTTP 200 whose JSON text is cut in half. */
  readonly truncateRate: number;
  /** Never answered (until `close()`). */
  readonly hangRate: number;
  /** Rate answers (latest, historical) whose `date` is the day before the one asked. */
  readonly wrongDateRate: number;
  /** Rate answers (latest, historical) with one rate set to 0. */
  readonly zeroRateRate: number;
  readonly dateErrors: readonly DateError[];
  readonly seed: number;
  /** The sandbox's idea of now: decides "today", future dates and the quota month. */
  readonly now: () => Date;
}

export interface FixerSandboxOptions extends Partial<FixerSandboxSettings> {
  /** 0 (default) picks a free port. */
  readonly port?: number;
  /** Default 127.0.0.1: the sandbox is for this machine only. */
  readonly host?: string;
}

export const DEFAULT_SETTINGS: FixerSandboxSettings = {
  key: 'sandbox-key',
  plan: 'paid',
  monthlyQuota: 10_000,
  latencyMs: 0,
  jitterMs: 0,
  failRate: 0,
  failStatuses: [500, 502, 503, 524],
  htmlRate: 0,
  truncateRate: 0,
  hangRate: 0,
  wrongDateRate: 0,
  zeroRateRate: 0,
  dateErrors: [],
  seed: 1,
  now: () => new Date(),
};
