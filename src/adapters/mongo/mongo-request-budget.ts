import type { Collection, Db } from 'mongodb';
import { monthOf, type BudgetStatus, type RequestBudget } from '../../domain/request-budget.js';
import { isDuplicateKey, onlyDuplicateKeys } from './duplicate-key.js';
import { batches } from './write-batches.js';

/** One taken request: slot `n` (0-based) of a provider's month. */
interface SlotDocument {
  _id: string;
  provider: string;
  month: string;
  n: number;
}

/**
 * Monthly request counts in MongoDB, shared by every process on the same database. Each request
 * takes a numbered slot whose `_id` is unique, so two processes can never take the same slot, and
 * no slot beyond the limit exists. Unique inserts are the one write that stays atomic on every
 * server this runs on: FerretDB applies a conditional `$inc` as read-then-write, which let 20
 * concurrent takes through a limit of 5 in our contract test.
 */
export class MongoRequestBudget implements RequestBudget {
  private readonly slots: Collection<SlotDocument>;

  constructor(
    db: Db,
    private readonly limits: Readonly<Record<string, number>>,
  ) {
    this.slots = db.collection<SlotDocument>('request_budget_slots');
  }

  async init(): Promise<void> {
    await this.slots.createIndex({ provider: 1, month: 1, n: 1 }, { name: 'provider_month_n' });
  }

  async tryTake(provider: string, now: Date): Promise<boolean> {
    const limit = this.limitOf(provider);
    if (!Number.isFinite(limit)) return true;
    const month = monthOf(now);
    // Start at the count and move up past slots that concurrent takers won.
    for (let n = await this.used(provider, month); n < limit; n++) {
      if (await this.insertSlot(provider, month, n)) return true;
    }
    return false;
  }

  async reportRemaining(provider: string, remaining: number, now: Date): Promise<void> {
    const limit = this.limitOf(provider);
    // Without a configured limit there is no count to align.
    if (!Number.isFinite(limit)) return;
    const month = monthOf(now);
    const target = Math.max(0, Math.min(limit, limit - remaining));
    await this.slots.deleteMany({ provider, month, n: { $gte: target } });
    // Every slot left is below the target: as many as the target means nothing is missing (the usual case).
    if ((await this.used(provider, month)) >= target) return;
    const slots = Array.from({ length: target }, (_, n) => this.slotOf(provider, month, n));
    for (const batch of batches(slots)) {
      try {
        await this.slots.insertMany(batch, { ordered: false });
      } catch (e) {
        if (!onlyDuplicateKeys(e)) throw e;
      }
    }
  }

  async status(provider: string, now: Date): Promise<BudgetStatus> {
    const month = monthOf(now);
    const limit = this.limitOf(provider);
    const used = await this.used(provider, month);
    return { provider, month, limit, used, remaining: Math.max(0, limit - used) };
  }

  private used(provider: string, month: string): Promise<number> {
    return this.slots.countDocuments({ provider, month });
  }

  /** True when this call created the slot; false when it already existed. */
  private async insertSlot(provider: string, month: string, n: number): Promise<boolean> {
    try {
      await this.slots.insertOne(this.slotOf(provider, month, n));
      return true;
    } catch (e) {
      if (isDuplicateKey(e)) return false;
      throw e;
    }
  }

  private slotOf(provider: string, month: string, n: number): SlotDocument {
    return { _id: `${provider}:${month}:${n}`, provider, month, n };
  }

  private limitOf(provider: string): number {
    return this.limits[provider] ?? Number.POSITIVE_INFINITY;
  }
}
