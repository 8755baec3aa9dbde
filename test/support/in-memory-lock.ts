import type { IngestionLock } from '../../src/domain/ingestion-lock.js';

interface Held {
  readonly owner: InMemoryIngestionLock;
  readonly until: number;
}

/** The ingestion lock within one process: enough for tests of the admin API. Passes the lock contract. */
export class InMemoryIngestionLock implements IngestionLock {
  constructor(
    private readonly now: () => Date = () => new Date(),
    private readonly held = new Map<string, Held>(),
  ) {}

  /** Another handle on the same locks, as a second process would hold. */
  twin(): InMemoryIngestionLock {
    return new InMemoryIngestionLock(this.now, this.held);
  }

  async acquire(key: string, ttlMs: number): Promise<boolean> {
    const now = this.now().getTime();
    const current = this.held.get(key);
    if (current !== undefined && current.until > now) return false;
    this.held.set(key, { owner: this, until: now + ttlMs });
    return true;
  }

  /** Frees the lock only if this handle holds it, as a lease in storage does. */
  async release(key: string): Promise<void> {
    if (this.held.get(key)?.owner === this) this.held.delete(key);
  }
}
