import type { IngestionPlan } from '../domain/ingestion-plan.js';
import type { FetchedRates } from '../domain/daily-rates.js';
import type { CauseReport, DayFailureReport, IngestionReport } from '../domain/ingestion-run.js';
import type { IsoDate } from '../domain/iso-date.js';
import type { UpsertReport } from '../domain/rate-repository.js';
import type { ProviderFailure } from './run-scoped-provider.js';
import { byDateAscending } from '../domain/iso-date.js';

interface CauseDays {
  readonly provider: string;
  readonly cause: string;
  providerWide: boolean;
  readonly days: Set<string>;
}

/** Collects the outcome of each planned day while a run goes, then freezes it into a report. */
export class ReportBuilder {
  private readonly fetched: IsoDate[] = [];
  private readonly inserted: IsoDate[] = [];
  private readonly updated: IsoDate[] = [];
  private readonly unchanged: IsoDate[] = [];
  private readonly failed: DayFailureReport[] = [];
  private readonly noPublication: IsoDate[] = [];
  private readonly done = new Set<string>();
  /** Which provider delivered each stored day. */
  private readonly deliveredBy = new Map<string, string>();
  private readonly causes = new Map<string, CauseDays>();
  private stoppedByStorage = false;
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

  stored(days: readonly FetchedRates[], r: UpsertReport): void {
    const dates = days.map((d) => d.date);
    for (const d of days) this.deliveredBy.set(d.date, d.provider);
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

  /** A provider failed for these days: counted under its cause (another provider may still deliver them). */
  providerFailed(f: ProviderFailure): void {
    const key = JSON.stringify([f.provider, f.cause]);
    const entry = this.causes.get(key) ?? {
      provider: f.provider,
      cause: f.cause,
      providerWide: false,
      days: new Set(),
    };
    entry.providerWide ||= f.providerWide;
    for (const d of this.plan.fetch) if (d >= f.days.from && d <= f.days.to) entry.days.add(d);
    this.causes.set(key, entry);
  }

  /** Storage stopped the run: the days left are not the providers' doing. */
  stopForStorage(reason: string): void {
    this.stoppedByStorage ||= this.stopped === null;
    this.stop(reason);
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
      failed: [...this.failed].sort(byDateAscending),
      stoppedEarly: this.stopped,
      deliveredBy: countBy([...this.deliveredBy.values()]),
      causes: [...this.causes.values()].map((c) => this.costOf(c)).filter((c) => c !== null),
      dryRun: this.dryRun,
    };
  }

  /** What a cause cost: days delivered by another provider, days not delivered; null when it cost nothing. */
  private costOf(c: CauseDays): CauseReport | null {
    const failed = new Set(this.failed.map((f) => f.date as string));
    const instead = [...c.days].map((d) => this.deliveredBy.get(d)).filter((p) => p !== undefined && p !== c.provider);
    // A provider out of the run also cost the days left unattempted when the run stopped for want of providers.
    const unattempted =
      c.providerWide && !this.stoppedByStorage
        ? this.failed.filter((f) => f.kind === 'not-attempted' && !c.days.has(f.date)).length
        : 0;
    const notFetched = [...c.days].filter((d) => failed.has(d)).length + unattempted;
    if (instead.length === 0 && notFetched === 0) return null;
    return {
      provider: c.provider,
      cause: c.cause,
      providerWide: c.providerWide,
      deliveredInstead: countBy(instead as string[]),
      notFetched,
    };
  }
}

const countBy = (names: readonly string[]): Record<string, number> => {
  const counts: Record<string, number> = {};
  for (const n of names) counts[n] = (counts[n] ?? 0) + 1;
  return counts;
};
