import { monthOf, usedAfterReport, type BudgetStatus, type RequestBudget } from '../../domain/request-budget.js';

/** Process-local request budget: for tests and single-process tools. Limits are per provider. */
export class InMemoryRequestBudget implements RequestBudget {
  private readonly used = new Map<string, number>();

  constructor(private readonly limits: Readonly<Record<string, number>>) {}

  async tryTake(provider: string, now: Date, endpoint = ''): Promise<boolean> {
    const key = this.keyOf(provider, now, endpoint);
    const used = this.used.get(key) ?? 0;
    if (used >= this.limitOf(provider)) return false;
    this.used.set(key, used + 1);
    return true;
  }

  async reportRemaining(provider: string, remaining: number, now: Date, endpoint = ''): Promise<void> {
    const limit = this.limitOf(provider);
    // Without a configured limit there is no count to align.
    if (!Number.isFinite(limit)) return;
    const key = this.keyOf(provider, now, endpoint);
    this.used.set(key, usedAfterReport(limit, this.used.get(key) ?? 0, remaining));
  }

  async status(provider: string, now: Date, endpoint = ''): Promise<BudgetStatus> {
    const limit = this.limitOf(provider);
    const used = this.used.get(this.keyOf(provider, now, endpoint)) ?? 0;
    return { provider, month: monthOf(now), limit, used, remaining: Math.max(0, limit - used) };
  }

  private keyOf(provider: string, now: Date, endpoint: string): string {
    return JSON.stringify([provider, endpoint, monthOf(now)]);
  }

  private limitOf(provider: string): number {
    return this.limits[provider] ?? Number.POSITIVE_INFINITY;
  }
}
