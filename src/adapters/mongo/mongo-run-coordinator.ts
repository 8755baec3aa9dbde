import { randomUUID } from 'node:crypto';
import type { Collection, Db } from 'mongodb';
import type { RunCoordinator } from 'node-cron';
import { isDuplicateKey } from './duplicate-key.js';
import { outagesAsDomainErrors } from './outages-as-domain-errors.js';

/** Holder `generation` of a tick's lease; a takeover after expiry is the next generation. */
interface LeaseDocument {
  _id: string;
  key: string;
  generation: number;
  owner: string;
  expiresAt: Date;
  completedAt?: Date;
}

/** Leases are kept a while after they end so a process with a late clock cannot run the same tick again. */
const KEEP_MS = 7 * 86_400_000;

/**
 * node-cron's `RunCoordinator` on lease documents: the first process to insert a tick's lease runs
 * it; the others hit the unique `_id` and skip. A lease whose holder died without completing can be
 * taken over once it has expired, by inserting the next generation, so that again exactly one process
 * wins. Only unique inserts decide: they are atomic on MongoDB and FerretDB alike, unlike a
 * conditional update, which FerretDB applies as read-then-write. No TTL index, no transaction.
 */
export class MongoRunCoordinator implements RunCoordinator {
  private readonly leases: Collection<LeaseDocument>;
  readonly owner = randomUUID();

  constructor(
    db: Db,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.leases = db.collection<LeaseDocument>('leases');
    // Callers see outages as the domain's StorageUnavailableError, never a driver class.
    return outagesAsDomainErrors(this);
  }

  async init(): Promise<void> {
    await this.leases.createIndex({ key: 1, generation: -1 }, { name: 'key_generation' });
  }

  /** A schedule tick runs once: a generation that completed, or is still running, keeps it taken. */
  shouldRun(key: string, ttlMs: number): Promise<boolean> {
    return this.take(key, ttlMs, (lease, now) => !!lease.completedAt || lease.expiresAt > now);
  }

  /**
   * A reusable lock on `key`: taken when free (never taken, released, or expired), by inserting the
   * next generation, so exactly one process wins. `release` frees it.
   */
  acquire(key: string, ttlMs: number): Promise<boolean> {
    return this.take(key, ttlMs, (lease, now) => !lease.completedAt && lease.expiresAt > now);
  }

  /** Inserts the next generation of `key` unless the newest one is `busy`; true when this process won. */
  private async take(key: string, ttlMs: number, busy: (lease: LeaseDocument, now: Date) => boolean) {
    const now = this.now();
    const current = await this.leases.findOne({ key }, { sort: { generation: -1 } });
    if (current && busy(current, now)) return false;
    return this.insertGeneration(key, current ? current.generation + 1 : 0, now, ttlMs);
  }

  private async insertGeneration(key: string, generation: number, now: Date, ttlMs: number): Promise<boolean> {
    try {
      await this.leases.insertOne({
        _id: `${key}#${generation}`,
        key,
        generation,
        owner: this.owner,
        expiresAt: new Date(now.getTime() + ttlMs),
      });
    } catch (e) {
      if (isDuplicateKey(e)) return false;
      throw e;
    }
    await this.leases.deleteMany({ expiresAt: { $lt: new Date(now.getTime() - KEEP_MS) } });
    return true;
  }

  async release(key: string): Promise<void> {
    await this.onComplete(key);
  }

  async onComplete(key: string): Promise<void> {
    await this.leases.updateMany(
      { key, owner: this.owner, completedAt: { $exists: false } },
      { $set: { completedAt: this.now() } },
    );
  }
}
