import { SHORT_MAX_AGE, type AnswerValidity } from './answer-validity.js';
import { STORAGE_BASE } from '../domain/currency.js';
import { isProvisional } from '../domain/daily-rates.js';
import type { IngestionRun, IngestionRunLog } from '../domain/ingestion-run.js';
import { addDays, eachDate, utcDateOf, type IsoDate } from '../domain/iso-date.js';
import type { RateRepository, StoredDay } from '../domain/rate-repository.js';

/** How one day of the last year is stored, from the primary provider's point of view. */
export type DayStatus = 'final' | 'provisional' | 'fallback' | 'no-publication' | 'missing';

export interface DayHealth {
  readonly date: IsoDate;
  readonly status: DayStatus;
  /** The provider whose numbers are served for the day; null when none is stored. */
  readonly provider: string | null;
}

/** What anyone may see of a run: when, why and how it went; no request text, errors or per-day reasons. */
export interface PublicRun {
  readonly trigger: string;
  readonly startedAt: Date;
  readonly finishedAt: Date | null;
  readonly outcome: 'running' | 'ok' | 'partial' | 'failed';
  readonly stored: number;
  readonly failed: number;
}

export interface StatusView {
  readonly from: IsoDate;
  readonly to: IsoDate;
  readonly days: DayHealth[];
  readonly runs: PublicRun[];
  readonly ingestEnabled: boolean;
  readonly nextTick: Date | null;
  /** A short while: runs that store nothing change it without touching any stored day. */
  readonly validity: AnswerValidity;
}

export interface StatusSettings {
  /** In order of preference: the first is primary, days served by another are `fallback`. */
  readonly providers: readonly string[];
  readonly ingestEnabled: boolean;
  /** The next scheduled ingestion, or null when there is no schedule. */
  readonly nextTick: () => Date | null;
}

/** Days covered: today and the 365 before it. */
export const STATUS_DAYS = 366;
const RUNS = 5;

/**
 * The data's health for the home page: one range read of which days are stored (dates, providers
 * and fetch times only), the no-publication days of each provider, and the newest runs.
 */
export class GetStatus {
  constructor(
    private readonly repo: RateRepository,
    private readonly runLog: IngestionRunLog,
    private readonly now: () => Date,
    private readonly settings: StatusSettings,
  ) {}

  async execute(): Promise<StatusView> {
    const at = this.now();
    const to = utcDateOf(at);
    const from = addDays(to, 1 - STATUS_DAYS);
    const [stored, unpublished, runs] = await Promise.all([
      this.repo.listStored(from, to, STORAGE_BASE),
      Promise.all(this.settings.providers.map((p) => this.repo.listNoPublication(from, to, p))),
      this.runLog.recent(RUNS),
    ]);
    const byDate = new Map<IsoDate, StoredDay[]>();
    for (const s of stored) byDate.set(s.date, [...(byDate.get(s.date) ?? []), s]);
    const noPublication = new Set(unpublished.flat());
    const primary = this.settings.providers[0];
    const days = eachDate(from, to).map((date): DayHealth => {
      const held = byDate.get(date) ?? [];
      const own = held.find((s) => s.provider === primary);
      if (own) return { date, status: isProvisional(own) ? 'provisional' : 'final', provider: own.provider };
      const other = held[0];
      if (other) return { date, status: 'fallback', provider: other.provider };
      return { date, status: noPublication.has(date) ? 'no-publication' : 'missing', provider: null };
    });
    return {
      from,
      to,
      days,
      runs: runs.map(publicRun),
      ingestEnabled: this.settings.ingestEnabled,
      nextTick: this.settings.ingestEnabled ? this.settings.nextTick() : null,
      validity: {
        immutable: false,
        maxAgeSeconds: SHORT_MAX_AGE,
        validUntil: new Date(at.getTime() + SHORT_MAX_AGE * 1000),
        dates: [],
        newest: true,
        catalog: false,
      },
    };
  }
}

function publicRun(run: IngestionRun): PublicRun {
  const report = run.report;
  const failed = report?.failed.length ?? 0;
  const outcome =
    run.finishedAt === null
      ? 'running'
      : run.error !== null
        ? 'failed'
        : failed > 0 || report?.stoppedEarly
          ? 'partial'
          : 'ok';
  return {
    trigger: run.trigger,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    outcome,
    stored: report ? report.inserted.length + report.updated.length : 0,
    failed,
  };
}
