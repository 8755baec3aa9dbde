import type { DataGeneration } from '../domain/data-generation.js';
import type { IsoDate } from '../domain/iso-date.js';
import type { Logger } from '../domain/logger.js';
import type { RatesChangeFeed } from './rates-change-feed.js';

/** Polls of a missing change record before it counts as a gap (a writer between its two steps, or one that died). */
const MISSING_POLLS = 2;
/**
 * Polls missed before this process stops vouching for what it keeps. A poll that waits out a short
 * outage succeeds as if nothing happened; a process that heard nothing for this long (the database
 * out of reach, or this process starved) may have missed writes it would never hear of otherwise
 * (a writer that records nothing, such as an older version during a rolling upgrade).
 */
const SILENT_POLLS = 3;
/** Further behind than this many generations: reading every record would cost more than starting afresh. */
const MAX_CATCH_UP = 200;

/**
 * Keeps this process's caches true to the shared data generation: every `intervalMs` it reads the
 * counter (one `_id` lookup); when it moved, it reads the records of the generations it missed (by
 * `_id`) and publishes their dates on the change feed. When it cannot vouch for what it knows (the
 * database did not answer, records are gone, the counter went back), it publishes "everything".
 */
export class GenerationWatcher {
  /** The last generation whose changes were published; null until known, or after losing track. */
  private seen: number | null = null;
  private missing = 0;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  /** When the generation was last read. */
  private lastHeard: number | null = null;

  constructor(
    private readonly generation: DataGeneration,
    private readonly feed: RatesChangeFeed,
    private readonly logger: Logger,
    private readonly intervalMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Learns the current generation, then polls every interval. */
  async start(): Promise<void> {
    await this.poll();
    this.timer = setInterval(() => void this.poll(), this.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /** One poll; concurrent calls share the one under way. */
  poll(): Promise<void> {
    this.running ??= this.check().finally(() => (this.running = null));
    return this.running;
  }

  private async check(): Promise<void> {
    let current: number;
    try {
      current = await this.generation.current();
    } catch (e) {
      this.loseTrack('the data generation could not be read', e);
      return;
    }
    const silent = this.lastHeard !== null && this.now() - this.lastHeard > SILENT_POLLS * this.intervalMs;
    this.lastHeard = this.now();
    const seen = this.seen;
    if (seen === null || silent || current < seen || current - seen > MAX_CATCH_UP) {
      // Nothing known yet, after an outage or a silence, or the counter is not the one we knew: start afresh.
      this.seen = current;
      this.missing = 0;
      this.feed.publishEverything();
      return;
    }
    if (current === seen) return;
    let records;
    try {
      records = await Promise.all(Array.from({ length: current - seen }, (_, i) => this.generation.read(seen + 1 + i)));
    } catch (e) {
      this.loseTrack('the data changes could not be read', e);
      return;
    }
    if (records.some((r) => r === null)) {
      if (++this.missing < MISSING_POLLS) return;
      this.logger.warn({ from: seen + 1, to: current }, 'data change records are missing: dropping every cache');
      this.seen = current;
      this.missing = 0;
      this.feed.publishEverything();
      return;
    }
    this.seen = current;
    this.missing = 0;
    const dates = new Set<IsoDate>();
    let catalog = false;
    for (const r of records) {
      for (const d of r!.dates) dates.add(d);
      catalog ||= r!.catalog;
    }
    this.feed.publish([...dates], { catalog });
  }

  private loseTrack(message: string, e: unknown): void {
    if (this.seen !== null) {
      this.logger.warn({ reason: (e as Error).message }, `${message}: caches are dropped when it answers again`);
    }
    this.seen = null;
  }
}
