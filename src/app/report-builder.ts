import type { IngestionPlan } from '../domain/ingestion-plan.js';
import type { DayFailureReport, IngestionReport } from '../domain/ingestion-run.js';
import type { IsoDate } from '../domain/iso-date.js';
import type { UpsertReport } from '../domain/rate-repository.js';

/** Collects the outcome of each planned day while a run goes, then freezes it into a report. */
export class ReportBuilder {
  private readonly fetched: IsoDate[] = [];
  private readonly inserted: IsoDate[] = [];
  private readonly updated: IsoDate[] = [];
  private readonly unchanged: IsoDate[] = [];
  private readonly failed: DayFailureReport[] = [];
  private readonly noPublication: IsoDate[] = [];
  private readonly done = new Set<string>();
  /** Why the run stopped early, once it has. */
  stopped: string | null = null;

  constructor(
    private readonly provider: string,
    private readonly plan: IngestionPlan,
    private readonly dryRun: boolean,
  ) {}

  get settled(): number {
    return this.done.size;
  }

  isSettled(date: string): boolean {
    return this.done.has(date);
  }

  stored(dates: readonly IsoDate[], r: UpsertReport): void {
    this.fetched.push(...dates);
    this.inserted.push(...r.inserted);
    this.updated.push(...r.updated);
    this.unchanged.push(...r.unchanged);
    for (const d of dates) this.done.add(d);
  }

  fail(date: string, kind: DayFailureReport['kind'], reason: string): void {
    if (this.done.has(date)) return;
    this.failed.push({ date: date as IsoDate, kind, reason });
    this.done.add(date);
  }

  /** The provider published nothing for the day: settled, and never asked for again. */
  unpublished(date: IsoDate): void {
    if (this.done.has(date)) return;
    this.noPublication.push(date);
    this.done.add(date);
  }

  stop(reason: string): void {
    this.stopped ??= reason;
  }

  build(): IngestionReport {
    const byDate = <T extends string>(a: T[]) => [...a].sort();
    return {
      provider: this.provider,
      planned: [...this.plan.fetch],
      skipped: [...this.plan.skip],
      fetched: byDate(this.fetched),
      inserted: byDate(this.inserted),
      updated: byDate(this.updated),
      unchanged: byDate(this.unchanged),
      noPublication: byDate(this.noPublication),
      failed: [...this.failed].sort((a, b) => (a.date < b.date ? -1 : 1)),
      stoppedEarly: this.stopped,
      dryRun: this.dryRun,
    };
  }
}
