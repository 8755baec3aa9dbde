/** A provider's request allowance for one calendar month (UTC). */
export interface BudgetStatus {
  readonly provider: string;
  /** `YYYY-MM` */
  readonly month: string;
  readonly limit: number;
  readonly used: number;
  readonly remaining: number;
}

/**
 * Counts the requests made to a metered provider so that a small plan (e.g. 100 a month) is never
 * overrun. Shared by every process that uses the same storage. Counts are kept per provider and
 * endpoint (its base URL): requests to a sandbox or a second account never spend the real one's
 * allowance. The limit is per provider and is a cap: nothing the provider reports raises it.
 */
export interface RequestBudget {
  /** Takes one request from this month's allowance; false (and nothing taken) when none is left. */
  tryTake(provider: string, now: Date, endpoint?: string): Promise<boolean>;
  /**
   * The provider says this many requests are left this month: the count may only go up to match it
   * (what is left only ever goes down), never beyond the configured limit.
   */
  reportRemaining(provider: string, remaining: number, now: Date, endpoint?: string): Promise<void>;
  status(provider: string, now: Date, endpoint?: string): Promise<BudgetStatus>;
}

export const monthOf = (now: Date): string => now.toISOString().slice(0, 7);

/** How many of `limit` are used once the provider reports `remaining`: never fewer than `used`. */
export const usedAfterReport = (limit: number, used: number, remaining: number): number =>
  Math.min(limit, Math.max(used, limit - remaining));
