import { inject, injectable } from 'tsyringe';
import { DomainError } from '../domain/errors.js';
import type { IngestionRequest } from '../domain/ingestion-plan.js';
import type { IngestionLock } from '../domain/ingestion-lock.js';
import { err, type Result } from '../domain/result.js';
import { IngestRates, type IngestOptions, type IngestOutcome } from './ingest-rates.js';
import type { IngestionMetrics } from './ingestion-metrics.js';
import { TOKENS } from './tokens.js';

export const INGESTION_LOCK = 'ingestion';
/** Longer than any run should take; a crashed holder's lock frees itself after this. */
const LOCK_TTL_MS = 30 * 60_000;

export class IngestionBusyError extends DomainError {
  readonly code = 'INGEST.BUSY';
  constructor() {
    super('another ingestion is running; try again when it has finished');
  }
}

/** An ingestion run under the lock shared by every trigger (schedule, start-up, admin API). */
@injectable()
export class RunIngestion {
  constructor(
    @inject(IngestRates) private readonly ingest: IngestRates,
    @inject(TOKENS.IngestionLock) private readonly lock: IngestionLock,
    @inject(TOKENS.IngestionMetrics) private readonly metrics: IngestionMetrics,
  ) {}

  private running: Promise<unknown> | null = null;

  /** Resolves when the run in progress in this process (if any) has finished: for a graceful shutdown. */
  async settled(): Promise<void> {
    await this.running?.catch(() => undefined);
  }

  async execute(request: IngestionRequest, options: IngestOptions): Promise<Result<IngestOutcome, DomainError>> {
    // A dry run fetches nothing: it needs no lock. A request that cannot be planned is refused as
    // such, not as "busy", whoever holds the lock.
    if (options.dryRun) return this.ingest.execute(request, options);
    const valid = this.ingest.check(request);
    if (!valid.ok) return valid;
    if (!(await this.lock.acquire(INGESTION_LOCK, LOCK_TTL_MS))) return err(new IngestionBusyError());
    const run = this.ingest.execute(request, options);
    this.running = run;
    try {
      const r = await run;
      if (r.ok) this.metrics.ingestionFinished(r.value.report, options.trigger);
      return r;
    } catch (e) {
      this.metrics.ingestionFailed(options.trigger);
      throw e;
    } finally {
      this.running = null;
      await this.lock.release(INGESTION_LOCK);
    }
  }
}
