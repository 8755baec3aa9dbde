import type { ProviderErrorKind } from './errors.js';
import type { IsoDate } from './iso-date.js';

export type IngestionTrigger = 'cli' | 'schedule' | 'startup' | 'api';

export interface DayFailureReport {
  readonly date: IsoDate;
  /** transient / quota / permanent for provider failures; `storage` when writing failed. */
  readonly kind: ProviderErrorKind | 'storage' | 'not-attempted';
  readonly reason: string;
}

/** One cause of failure of one provider in one run, and what it cost. */
export interface CauseReport {
  readonly provider: string;
  /** In words, without the request it happened to (e.g. `Fixer rejected the API key (101 ...)`). */
  readonly cause: string;
  /** The cause took the provider out of the rest of the run (a rejected key, a spent quota...). */
  readonly providerWide: boolean;
  /** Days another provider delivered instead, by provider. */
  readonly deliveredInstead: Readonly<Record<string, number>>;
  /** Days no provider delivered. */
  readonly notFetched: number;
}

/** One line for people: `fixer: Fixer rejected the API key (101); out of this run; ecb delivered 5 days instead`. */
export function causeLine(c: CauseReport): string {
  const parts = [`${c.provider}: ${c.cause}`];
  if (c.providerWide) parts.push('out of this run');
  const instead = Object.entries(c.deliveredInstead).map(([p, n]) => `${p} delivered ${days(n)} instead`);
  parts.push(...instead);
  if (c.notFetched > 0) parts.push(`${days(c.notFetched)} not fetched`);
  return parts.join('; ');
}

const days = (n: number): string => `${n} day${n === 1 ? '' : 's'}`;

/** What one ingestion run did. Every asked day is in exactly one of skipped, fetched, noPublication or failed. */
export interface IngestionReport {
  readonly provider: string;
  readonly planned: IsoDate[];
  readonly skipped: IsoDate[];
  readonly fetched: IsoDate[];
  readonly inserted: IsoDate[];
  readonly updated: IsoDate[];
  readonly unchanged: IsoDate[];
  /** Days the provider published nothing for (ECB weekends and holidays): not failures, not asked again. */
  readonly noPublication: IsoDate[];
  readonly failed: DayFailureReport[];
  /** Why the run stopped before trying every planned day (quota spent, circuit open), if it did. */
  readonly stoppedEarly: string | null;
  /** Days stored, by the provider that delivered them. */
  readonly deliveredBy: Readonly<Record<string, number>>;
  /** Why providers failed: one entry per cause per provider, for the days it cost. */
  readonly causes: readonly CauseReport[];
  readonly dryRun: boolean;
}

export interface IngestionRun {
  readonly id: string;
  readonly trigger: IngestionTrigger;
  readonly startedAt: Date;
  readonly finishedAt: Date | null;
  /** What was asked, in words (e.g. "last 10 days"). */
  readonly request: string;
  readonly report: IngestionReport | null;
  /** Set when the run itself failed (e.g. storage unreachable), not just some days. */
  readonly error: string | null;
}

/** Where runs are recorded, so that operators can see what every run did. */
export interface IngestionRunLog {
  started(run: Pick<IngestionRun, 'id' | 'trigger' | 'startedAt' | 'request'>): Promise<void>;
  finished(
    id: string,
    finishedAt: Date,
    outcome: { report: IngestionReport | null; error: string | null },
  ): Promise<void>;
  /** Newest first. */
  recent(limit: number): Promise<IngestionRun[]>;
}
