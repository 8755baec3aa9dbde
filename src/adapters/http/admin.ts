import type { IngestOutcome } from '../../app/ingest-rates.js';
import type { DomainError } from '../../domain/errors.js';
import type { IngestionRequest } from '../../domain/ingestion-plan.js';
import type { IngestionRun } from '../../domain/ingestion-run.js';
import type { BudgetStatus } from '../../domain/request-budget.js';
import type { Result } from '../../domain/result.js';

/** What the admin procedures need, wired in the composition root (src/main/http-app.ts). */
export interface IngestAdmin {
  /** The CLI's default `days` when a request names no days. */
  readonly defaultDays: number;
  /** Runs under the ingestion lock (INGEST.BUSY when held), like the schedule. */
  run(request: IngestionRequest, dryRun: boolean): Promise<Result<IngestOutcome, DomainError>>;
  /** Newest first. */
  runs(limit: number): Promise<IngestionRun[]>;
  /** The request budget of each metered provider. */
  quota(now: Date): Promise<BudgetStatus[]>;
}
