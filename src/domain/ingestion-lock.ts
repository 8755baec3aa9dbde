/**
 * One ingestion at a time across every process sharing the database: scheduled ticks, start-up
 * catch-up and admin runs all take it, so two runs never fetch (and pay for) the same days.
 */
export interface IngestionLock {
  /** True when taken; it frees itself after `ttlMs` if the holder dies. */
  acquire(key: string, ttlMs: number): Promise<boolean>;
  release(key: string): Promise<void>;
}
