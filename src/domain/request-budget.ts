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
 * overrun. Shared by every process that uses the same storage.
 */
export interface RequestBudget {
  /** Takes one request from this month's allowance; false (and nothing taken) when none is left. */
  tryTake(provider: string, now: Date): Promise<boolean>;
  /** Aligns the count with what the provider itself reports as left this month. */
  reportRemaining(provider: string, remaining: number, now: Date): Promise<void>;
  status(provider: string, now: Date): Promise<BudgetStatus>;
}

export const monthOf = (now: Date): string => now.toISOString().slice(0, 7);
