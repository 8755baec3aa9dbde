import type { IngestionReport, IngestionTrigger } from '../domain/ingestion-run.js';
import type { ProviderErrorKind } from '../domain/errors.js';

/** Outcome of one call to a provider, as counted: a success or the kind of its failure. */
export type ProviderCallOutcome = 'ok' | ProviderErrorKind;
export type BreakerState = 'closed' | 'half-open' | 'open';

/**
 * What ingestion and providers report for monitoring. A port: the use cases and the composition root
 * call it without knowing Prometheus (src/adapters/metrics/metrics.ts implements it).
 */
export interface IngestionMetrics {
  /** A run ended with a report (dry runs are not counted). */
  ingestionFinished(report: IngestionReport, trigger?: IngestionTrigger): void;
  /** A run failed as a whole (storage unreachable, lock error): no report. */
  ingestionFailed(trigger?: IngestionTrigger): void;
  /** One request to a provider (after its retries are counted separately). */
  providerCall(provider: string, outcome: ProviderCallOutcome): void;
  retry(provider: string): void;
  breakerState(provider: string, state: BreakerState): void;
}
