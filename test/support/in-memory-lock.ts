import type { IngestionLock } from '../../src/domain/ingestion-lock.js';

/** The ingestion lock within one process: enough for tests of the admin API. */
export class InMemoryIngestionLock implements IngestionLock {
  readonly held = new Map<string, number>();

  constructor(private readonly now: () => number = () => Date.now()) {}

  async acquire(key: string, ttlMs: number): Promise<boolean> {
    const until = this.held.get(key);
    if (until !== undefined && until > this.now()) return false;
    this.held.set(key, this.now() + ttlMs);
    return true;
  }

  async release(key: string): Promise<void> {
    this.held.delete(key);
  }
}
