import { randomUUID } from 'node:crypto';
import type { Collection, Db } from 'mongodb';
import type { RunCoordinator } from 'node-cron';

interface LeaseDocument {
  _id: string;
  owner: string;
  expiresAt: Date;
  completedAt?: Date;
}

const DUPLICATE_KEY = 11000;
/** Leases are kept a while after they end so a process with a late clock cannot run the same tick again. */
const KEEP_MS = 7 * 86_400_000;

/**
 * node-cron's `RunCoordinator` on a lease document per tick: the first process to insert the
 * tick's key runs it; the others see the duplicate and skip. A lease whose holder died can be taken
 * over once it expires (checked in the update's filter). No TTL index and no transaction, so it
 * works on every MongoDB 4.4+ and on FerretDB.
 */
export class MongoRunCoordinator implements RunCoordinator {
  private readonly leases: Collection<LeaseDocument>;
  readonly owner = randomUUID();

  constructor(
    db: Db,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.leases = db.collection<LeaseDocument>('leases');
  }

  async shouldRun(key: string, ttlMs: number): Promise<boolean> {
    const now = this.now();
    const expiresAt = new Date(now.getTime() + ttlMs);
    try {
      await this.leases.insertOne({ _id: key, owner: this.owner, expiresAt });
    } catch (e) {
      if ((e as { code?: number }).code !== DUPLICATE_KEY) throw e;
      const taken = await this.leases.updateOne(
        { _id: key, expiresAt: { $lt: now }, completedAt: { $exists: false } },
        { $set: { owner: this.owner, expiresAt } },
      );
      if (taken.modifiedCount !== 1) return false;
    }
    await this.leases.deleteMany({ expiresAt: { $lt: new Date(now.getTime() - KEEP_MS) } });
    return true;
  }

  async onComplete(key: string): Promise<void> {
    await this.leases.updateOne({ _id: key, owner: this.owner }, { $set: { completedAt: this.now() } });
  }
}
