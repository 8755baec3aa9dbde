import { randomUUID } from 'node:crypto';
import pLimit from 'p-limit';
import { inject, injectable } from 'tsyringe';
import { STORAGE_BASE } from '../domain/currency.js';
import type { FetchedRates } from '../domain/daily-rates.js';
import { isNoPublicationError, isProviderError, type DomainError } from '../domain/errors.js';
import { datesOf, planIngestion, type IngestionPlan, type IngestionRequest } from '../domain/ingestion-plan.js';
import {
  causeLine,
  type IngestionReport,
  type IngestionRunLog,
  type IngestionTrigger,
} from '../domain/ingestion-run.js';
import { utcDateOf, type IsoDate } from '../domain/iso-date.js';
import type { Logger } from '../domain/logger.js';
import type { RateProvider } from '../domain/rate-provider.js';
import type { RateRepository } from '../domain/rate-repository.js';
import { ok, type Result } from '../domain/result.js';
import { chunkBySpan } from './chunk-by-span.js';
import { isCatalogUpdateError, RateStore } from './rate-store.js';
import type { CurrencyCatalog } from '../domain/currency-catalog.js';
import { isCurrencyNameSource } from '../domain/currency-names.js';
import { describeRequest } from './describe-request.js';
import { ReportBuilder } from './report-builder.js';
import { scopeToRun } from './run-scoped-provider.js';
import { TOKENS, type Clock } from './tokens.js';

/**
 * Days per bulk request: the tightest limit among the providers, Fixer's timeseries (365 days; its
 * adapter splits longer ranges too). Chunks also keep one failed request from failing a whole year.
 */
const BULK_CHUNK_DAYS = 365;

export interface IngestOptions {
  readonly trigger: IngestionTrigger;
  readonly dryRun?: boolean;
  /** Called after each bulk chunk or single day is settled (stored or failed). */
  readonly onProgress?: (done: number, total: number) => void;
}

export interface IngestOutcome {
  readonly runId: string | null;
  readonly plan: IngestionPlan;
  readonly report: IngestionReport;
}

/**
 * Fetches the planned days from the provider and stores them idempotently. A failed day is never
 * stored; the other days still land. A quota or open-circuit failure stops the run: the days left
 * are reported as not attempted instead of hammering the provider.
 */
@injectable()
export class IngestRates {
  constructor(
    @inject(TOKENS.RateRepository) private readonly repo: RateRepository,
    @inject(RateStore) private readonly rateStore: RateStore,
    @inject(TOKENS.CurrencyCatalog) private readonly catalog: CurrencyCatalog,
    @inject(TOKENS.RateProvider) private readonly provider: RateProvider,
    @inject(TOKENS.IngestionRunLog) private readonly runs: IngestionRunLog,
    @inject(TOKENS.Clock) private readonly now: Clock,
    @inject(TOKENS.Logger) private readonly logger: Logger,
    @inject(TOKENS.Config) private readonly config: { readonly INGEST_CONCURRENCY: number },
  ) {}

  /** Refuses a request that no plan can serve (a future day, a reversed range...) without reading storage. */
  check(request: IngestionRequest): Result<unknown, DomainError> {
    return planIngestion(request, utcDateOf(this.now()), []);
  }

  async plan(request: IngestionRequest): Promise<Result<IngestionPlan, DomainError>> {
    const today = utcDateOf(this.now());
    const asked = datesOf(request.target, today);
    if (!asked.ok) return planIngestion(request, today, []);
    const [from, to] = [asked.value[0]!, asked.value.at(-1)!];
    // Only the preferred provider's days count: a day a fallback delivered is fetched again until it has them.
    const [stored, unpublished] = await Promise.all([
      this.repo.listStored(from, to, STORAGE_BASE),
      this.repo.listNoPublication(from, to, this.provider.name),
    ]);
    return planIngestion(
      request,
      today,
      stored.filter((s) => s.provider === this.provider.name),
      unpublished,
    );
  }

  async execute(request: IngestionRequest, options: IngestOptions): Promise<Result<IngestOutcome, DomainError>> {
    const plan = await this.plan(request);
    if (!plan.ok) return plan;
    const report = new ReportBuilder(this.provider.name, plan.value, options.dryRun ?? false);
    if (options.dryRun) return ok({ runId: null, plan: plan.value, report: report.build() });

    const runId = randomUUID();
    await this.runs.started({
      id: runId,
      trigger: options.trigger,
      startedAt: this.now(),
      request: describeRequest(request),
    });
    this.logger.info(
      { runId, trigger: options.trigger, fetch: plan.value.fetch.length, skip: plan.value.skip.length },
      'ingestion started',
    );
    const progress = () => options.onProgress?.(report.settled, plan.value.fetch.length);
    // This run's view of the provider: one that fails as a whole (a rejected key) is out of the rest of the run.
    const provider = scopeToRun(this.provider, (f) => report.providerFailed(f));
    try {
      const daily = await this.fetchRanges(provider, plan.value.fetch, report, progress);
      await this.fetchDays(provider, daily, report, progress);
    } catch (e) {
      await this.recordFinish(runId, { report: report.build(), error: (e as Error).message });
      throw e;
    }
    const built = report.build();
    if (built.fetched.length > 0 && !built.stoppedEarly) await this.learnCurrencyNames(provider);
    await this.recordFinish(runId, { report: built, error: null });
    // A run that lost days, or needed a fallback, is something an operator should see.
    const level = built.failed.length > 0 ? 'error' : built.causes.length > 0 ? 'warn' : 'info';
    this.logger[level](
      {
        runId,
        inserted: built.inserted.length,
        updated: built.updated.length,
        unchanged: built.unchanged.length,
        failed: built.failed.length,
        stoppedEarly: built.stoppedEarly,
        deliveredBy: built.deliveredBy,
        causes: built.causes.map(causeLine),
      },
      built.failed.length > 0 ? 'ingestion finished with failed days' : 'ingestion finished',
    );
    return ok({ runId, plan: plan.value, report: built });
  }

  /** Bulk-fetches spans of two or more days; returns the days still to fetch one by one. */
  private async fetchRanges(
    provider: RateProvider,
    dates: readonly IsoDate[],
    report: ReportBuilder,
    progress: () => void,
  ): Promise<IsoDate[]> {
    const rest: IsoDate[] = [];
    for (const chunk of chunkBySpan(dates, BULK_CHUNK_DAYS)) {
      if (chunk.length < 2 || report.stopped) {
        rest.push(...chunk);
        continue;
      }
      let got: FetchedRates[] | null;
      try {
        got = await provider.fetchRange(chunk[0]!, chunk.at(-1)!);
      } catch (e) {
        if (!isProviderError(e)) throw e;
        if (e.scope === 'provider') {
          this.failAll(chunk, e, report);
          progress();
          continue;
        }
        // One failed bulk request should not cost every day in it: try them one by one.
        this.logger.warn(
          { from: chunk[0], to: chunk.at(-1), reason: e.message },
          'bulk fetch failed; fetching day by day',
        );
        got = null;
      }
      if (got === null) {
        rest.push(...chunk); // no bulk endpoint on this plan: go day by day
        continue;
      }
      const wanted = new Set(chunk);
      await this.store(
        got.filter((d) => wanted.has(d.date)),
        report,
      );
      // A day missing from a bulk answer is asked for alone: only that answer tells a day never
      // published (a weekend at the ECB) from one not published yet. Providers that reuse the file
      // they just fetched (the ECB) answer it without another request.
      for (const date of chunk) if (!report.isSettled(date)) rest.push(date);
      progress();
    }
    return rest;
  }

  /**
   * Fetches days one by one, INGEST_CONCURRENCY at a time, after the first alone: a rejected key then
   * costs one request, not one per day in flight. When something other than a provider fails (the
   * budget store gone), the days queued are dropped and those in flight are waited for, so that
   * nothing is fetched or stored after the run has ended.
   */
  private async fetchDays(
    provider: RateProvider,
    dates: readonly IsoDate[],
    report: ReportBuilder,
    progress: () => void,
  ): Promise<void> {
    const fetchOne = async (date: IsoDate) => {
      if (report.stopped) return report.fail(date, 'not-attempted', `run stopped: ${report.stopped}`);
      try {
        await this.store([await provider.fetchDay(date)], report);
      } catch (e) {
        if (!isNoPublicationError(e)) this.failAll([date], e, report);
        else await this.noPublication(e.provider, date, report);
      }
      progress();
    };
    const [first, ...rest] = dates;
    if (first === undefined) return;
    await fetchOne(first);
    // rejectOnClear: the dropped days' promises settle, so that waiting for the rest cannot hang.
    const limit = pLimit({ concurrency: this.config.INGEST_CONCURRENCY, rejectOnClear: true });
    let failure: { reason: unknown } | null = null;
    await Promise.allSettled(
      rest.map((date) =>
        limit(() =>
          fetchOne(date).catch((e: unknown) => {
            failure ??= { reason: e };
            limit.clearQueue();
          }),
        ),
      ),
    );
    if (failure !== null) throw (failure as { reason: unknown }).reason;
  }

  private async store(days: readonly FetchedRates[], report: ReportBuilder): Promise<void> {
    if (days.length === 0) return;
    try {
      report.stored(days, await this.rateStore.store(days));
    } catch (e) {
      if (isCatalogUpdateError(e)) {
        // The days are stored and their change published: only the currency list lags; the run goes on.
        report.stored(days, e.report);
        this.logger.error({ reason: e.reason }, 'the currency catalog could not be updated with the stored days');
        return;
      }
      this.logger.error({ err: { name: (e as Error).name, message: (e as Error).message } }, 'storing rates failed');
      for (const d of days) report.fail(d.date, 'storage', `could not store: ${(e as Error).message}`);
      // Storage that refuses one day refuses the next: stop instead of spending provider quota on days that cannot land.
      report.stopForStorage(`storing failed: ${(e as Error).message}`);
    }
  }

  /** The run's record is bookkeeping: failing to write it (database gone) must not hide the run's own outcome. */
  private async recordFinish(runId: string, outcome: { report: IngestionReport; error: string | null }): Promise<void> {
    try {
      await this.runs.finished(runId, this.now(), outcome);
    } catch (e) {
      this.logger.error({ runId, reason: (e as Error).message }, 'could not record the end of the ingestion run');
    }
  }

  private async noPublication(provider: string, date: IsoDate, report: ReportBuilder): Promise<void> {
    try {
      await this.repo.recordNoPublication(provider, [date]);
      report.unpublished(date);
    } catch (e) {
      report.fail(date, 'storage', `could not record that ${date} has no publication: ${(e as Error).message}`);
    }
  }

  /** Names cost one request, once: only asked for after a run that stored something. */
  private async learnCurrencyNames(provider: RateProvider): Promise<void> {
    if (!isCurrencyNameSource(provider) || (await this.catalog.hasNames())) return;
    try {
      await this.rateStore.setNames(await provider.fetchCurrencyNames());
    } catch (e) {
      this.logger.warn({ reason: (e as Error).message }, 'could not fetch currency names; will try after the next run');
    }
  }

  private failAll(dates: readonly IsoDate[], e: unknown, report: ReportBuilder): void {
    if (!isProviderError(e)) throw e;
    for (const date of dates) report.fail(date, e.kind, e.message);
    if (e.scope === 'provider') report.stop(e.message);
  }
}
