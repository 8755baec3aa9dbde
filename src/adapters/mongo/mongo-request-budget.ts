import type { Collection, Db } from 'mongodb';
import { monthOf, usedAfterReport, type BudgetStatus, type RequestBudget } from '../../domain/request-budget.js';
import { isDuplicateKey, onlyDuplicateKeys } from './duplicate-key.js';
import { batches } from './write-batches.js';
import { outagesAsDomainErrors } from './outages-as-domain-errors.js';

/** One taken request: slot `n` (0-based) of a provider's month at one endpoint (absent: unnamed). */
interface SlotDocument {
  _id: string;
  provider: string;
  endpoint?: string;
  month: string;
  n: number;
}

/** Which slots belong to one provider, endpoint and month. */
type Meter = Pick<SlotDocument, 'provider' | 'endpoint' | 'month'>;

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
    // Callers see outages as the domain's StorageUnavailableError, never a driver class.
    return outagesAsDomainErrors(this);
  }

  async init(): Promise<void> {
    await this.slots.createIndex({ provider: 1, month: 1, n: 1 }, { name: 'provider_month_n' });
  }

  async tryTake(provider: string, now: Date, endpoint = ''): Promise<boolean> {
    const limit = this.limitOf(provider);
    if (!Number.isFinite(limit)) return true;
    const meter = meterOf(provider, now, endpoint);
    // Start at the count and move up past slots that concurrent takers won.
    for (let n = await this.used(meter); n < limit; n++) {
      if (await this.insertSlot(meter, n)) return true;
    }
    return false;
  }

  async reportRemaining(provider: string, remaining: number, now: Date, endpoint = ''): Promise<void> {
    const limit = this.limitOf(provider);
    // Without a configured limit there is no count to align.
    if (!Number.isFinite(limit)) return;
    const meter = meterOf(provider, now, endpoint);
    // Slots are only ever added: a provider reporting more left than the cap allows changes nothing.
    const target = usedAfterReport(limit, 0, remaining);
    if ((await this.used(meter)) >= target) return;
    const slots = Array.from({ length: target }, (_, n) => this.slotOf(meter, n));
    for (const batch of batches(slots)) {
      try {
        await this.slots.insertMany(batch, { ordered: false });
      } catch (e) {
        if (!onlyDuplicateKeys(e)) throw e;
      }
    }
  }

  async status(provider: string, now: Date, endpoint = ''): Promise<BudgetStatus> {
    const meter = meterOf(provider, now, endpoint);
    const limit = this.limitOf(provider);
    const used = await this.used(meter);
    return { provider, month: meter.month, limit, used, remaining: Math.max(0, limit - used) };
  }

  private used(meter: Meter): Promise<number> {
    return this.slots.countDocuments({ ...meter, endpoint: meter.endpoint ?? { $exists: false } });
  }

  /** True when this call created the slot; false when it already existed. */
  private async insertSlot(meter: Meter, n: number): Promise<boolean> {
    try {
      await this.slots.insertOne(this.slotOf(meter, n));
      return true;
    } catch (e) {
      if (isDuplicateKey(e)) return false;
      throw e;
    }
  }

  private slotOf(meter: Meter, n: number): SlotDocument {
    const { provider, endpoint, month } = meter;
    // The unnamed endpoint keeps the `_id`s slots had before endpoints were counted apart.
    const at = endpoint === undefined ? provider : `${provider}@${endpoint}`;
    return { _id: `${at}:${month}:${n}`, ...meter, n };
  }

  private limitOf(provider: string): number {
    return this.limits[provider] ?? Number.POSITIVE_INFINITY;
  }
}

const meterOf = (provider: string, now: Date, endpoint: string): Meter => ({
  provider,
  ...(endpoint === '' ? {} : { endpoint }),
  month: monthOf(now),
});
