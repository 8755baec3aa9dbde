import { NO_TRANSPORT_FAULTS, type SandboxOptions, type TransportFaultSettings } from '../sandbox-settings.js';

/** `free`: EUR base only, no timeseries/fluctuation/convert (105). `paid`: everything. */
export type SandboxPlan = 'free' | 'paid';

/** Answer every request for one of `dates` with the envelope error `code` (e.g. 106). */
export interface DateError {
  readonly dates: readonly string[];
  readonly code: number;
}

/** Behaviour that can change at run time through `set()`: the transport faults and Fixer's own. */
export interface FixerSandboxSettings extends TransportFaultSettings {
  /** Accepted key for both `access_key` (classic) and the `apikey` header (APILayer). */
  readonly key: string;
  readonly plan: SandboxPlan;
  /** Requests per calendar month (UTC) before 104 (classic) or HTTP 429 (APILayer). */
  readonly monthlyQuota: number;
  /** Rate answers (latest, historical) whose `date` is the day before the one asked. */
  readonly wrongDateRate: number;
  /** Rate answers (latest, historical) with one rate set to 0. */
  readonly zeroRateRate: number;
  readonly dateErrors: readonly DateError[];
  /** The sandbox's idea of now: decides "today", future dates and the quota month. */
  readonly now: () => Date;
}

export type FixerSandboxOptions = SandboxOptions<FixerSandboxSettings>;

export const DEFAULT_SETTINGS: FixerSandboxSettings = {
  ...NO_TRANSPORT_FAULTS,
  key: 'sandbox-key',
  plan: 'paid',
  monthlyQuota: 10_000,
  failStatuses: [500, 502, 503, 524],
  wrongDateRate: 0,
  zeroRateRate: 0,
  dateErrors: [],
};
