import type { Collection, Db } from 'mongodb';
import { monthOf, type BudgetStatus, type RequestBudget } from '../../domain/request-budget.js';

interface BudgetDocument {
  _id: string;
  provider: string;
  month: string;
  used: number;
}

/**
 * Monthly request counts in MongoDB, shared by every process on the same database. Taking is one
 * conditional `$inc`, so two processes can never both take the last request.
 */
export class MongoRequestBudget implements RequestBudget {
  private readonly budgets: Collection<BudgetDocument>;

  constructor(
    db: Db,
    private readonly limits: Readonly<Record<string, number>>,
  ) {
    this.budgets = db.collection<BudgetDocument>('request_budgets');
  }

  async tryTake(provider: string, now: Date): Promise<boolean> {
    const limit = this.limitOf(provider);
    if (!Number.isFinite(limit)) return true;
    const _id = this.keyOf(provider, now);
    await this.budgets.updateOne({ _id }, { $setOnInsert: { provider, month: monthOf(now), used: 0 } }, { upsert: true });
    const r = await this.budgets.updateOne({ _id, used: { $lt: limit } }, { $inc: { used: 1 } });
    return r.modifiedCount === 1;
  }

  async reportRemaining(provider: string, remaining: number, now: Date): Promise<void> {
    // Without a configured limit there is no count to align.
    if (!Number.isFinite(this.limitOf(provider))) return;
    const month = monthOf(now);
    const used = Math.max(0, this.limitOf(provider) - remaining);
    await this.budgets.updateOne({ _id: this.keyOf(provider, now) }, { $set: { provider, month, used } }, { upsert: true });
  }

  async status(provider: string, now: Date): Promise<BudgetStatus> {
    const doc = await this.budgets.findOne({ _id: this.keyOf(provider, now) });
    const limit = this.limitOf(provider);
    const used = doc?.used ?? 0;
    return { provider, month: monthOf(now), limit, used, remaining: Math.max(0, limit - used) };
  }

  private keyOf(provider: string, now: Date): string {
    return `${provider}:${monthOf(now)}`;
  }

  private limitOf(provider: string): number {
    return this.limits[provider] ?? Number.POSITIVE_INFINITY;
  }
}
