import { monthOf, type BudgetStatus, type RequestBudget } from '../../domain/request-budget.js';

/** Process-local request budget: for tests and single-process tools. Limits are per provider. */
export class InMemoryRequestBudget implements RequestBudget {
  private readonly used = new Map<string, number>();

  constructor(private readonly limits: Readonly<Record<string, number>>) {}

  async tryTake(provider: string, now: Date): Promise<boolean> {
    const key = `${provider}:${monthOf(now)}`;
    const used = this.used.get(key) ?? 0;
    if (used >= this.limitOf(provider)) return false;
    this.used.set(key, used + 1);
    return true;
  }

  async reportRemaining(provider: string, remaining: number, now: Date): Promise<void> {
    // Without a configured limit there is no count to align.
    if (!Number.isFinite(this.limitOf(provider))) return;
    this.used.set(`${provider}:${monthOf(now)}`, Math.max(0, this.limitOf(provider) - remaining));
  }

  async status(provider: string, now: Date): Promise<BudgetStatus> {
    const month = monthOf(now);
    const limit = this.limitOf(provider);
    const used = this.used.get(`${provider}:${month}`) ?? 0;
    return { provider, month, limit, used, remaining: Math.max(0, limit - used) };
  }

  private limitOf(provider: string): number {
    return this.limits[provider] ?? Number.POSITIVE_INFINITY;
  }
}
