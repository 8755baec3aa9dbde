import { STORAGE_BASE } from '../../domain/currency.js';
import type { FetchedRates } from '../../domain/daily-rates.js';
import { isProviderError, NoPublicationError, ProviderError } from '../../domain/errors.js';
import type { IsoDate } from '../../domain/iso-date.js';
import type { Logger } from '../../domain/logger.js';
import type { RateProvider } from '../../domain/rate-provider.js';
import { policyFailure } from '../resilience/policy-outcome.js';
import type { ProviderPolicy } from '../resilience/provider-policy.js';
import { toEcbDocument, type EcbDay, type EcbDocument } from './ecb-document.js';
import {
  chooseFile,
  coversFrom,
  FIRST_PUBLICATION,
  isWeekend,
  largerFile,
  publicationInstant,
  type EcbFile,
} from './ecb-files.js';
import { ECB_PROVIDER, type EcbOptions } from './ecb-options.js';
import { describeFile, requestEcbFile } from './ecb-request.js';

/** How long a downloaded file is reused. */
const FILE_REUSE_MS = 60_000;

/**
 * The European Central Bank's euro reference rates (about 30 currencies, working days only, no key) as
 * a `RateProvider`. Every call fetches (or reuses, if less than a minute old) the smallest of the ECB's three
 * XML files that holds the dates asked for, through the shared policy; days the ECB did not publish are `NoPublicationError`.
 */
export class EcbRateProvider implements RateProvider {
  readonly name = ECB_PROVIDER;
  private readonly recent = new Map<EcbFile, { at: number; document: Promise<EcbDocument> }>();

  constructor(
    private readonly options: EcbOptions,
    private readonly policy: ProviderPolicy,
    private readonly logger: Logger,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /**
   * The day's rates; `NoPublicationError` for a day the ECB skipped (weekend, TARGET holiday, before
   * 1999-01-04), `NOT_YET_PUBLISHED` for a working day after the newest publication (today before about
   * 16:00 CET, or a day still to come), which a later call may find.
   */
  async fetchDay(date: IsoDate, signal?: AbortSignal): Promise<FetchedRates> {
    if (date < FIRST_PUBLICATION) throw new NoPublicationError(ECB_PROVIDER, date);
    const document = await this.load(date, signal);
    const day = document.days.find((d) => d.date === date);
    if (day) return this.toFetched(day, this.clock());
    // Weekends are never published, whatever the file's newest day; holidays only show once a later day is.
    if (date > document.newest && !isWeekend(date)) {
      throw new ProviderError(
        ECB_PROVIDER,
        'permanent',
        'NOT_YET_PUBLISHED',
        `no rates for ${date} yet: the newest publication is ${document.newest}`,
        'request',
      );
    }
    throw new NoPublicationError(ECB_PROVIDER, date);
  }

  /** Every published day from `from` to `to`, from a single file; unpublished days are simply absent. */
  async fetchRange(from: IsoDate, to: IsoDate, signal?: AbortSignal): Promise<FetchedRates[]> {
    if (from > to || to < FIRST_PUBLICATION) return [];
    const document = await this.load(from < FIRST_PUBLICATION ? FIRST_PUBLICATION : from, signal);
    const fetchedAt = this.clock();
    return document.days.filter((d) => d.date >= from && d.date <= to).map((d) => this.toFetched(d, fetchedAt));
  }

  private toFetched(day: EcbDay, fetchedAt: Date): FetchedRates {
    return {
      date: day.date,
      base: STORAGE_BASE,
      provider: ECB_PROVIDER,
      rates: day.rates,
      sourceTimestamp: publicationInstant(day.date),
      fetchedAt,
    };
  }

  /** The smallest file holding every day from `from` on, moving to a larger one if it falls short. */
  private async load(from: IsoDate, signal?: AbortSignal): Promise<EcbDocument> {
    let file = chooseFile(from, this.clock());
    for (;;) {
      const document = await this.fetchFile(file, signal);
      const larger = largerFile(file);
      if (larger === undefined || coversFrom(file, document.oldest, from)) return document;
      this.logger.debug(
        { provider: ECB_PROVIDER, file, oldest: document.oldest, from, next: larger },
        'ecb: file does not reach back far enough, trying a larger one',
      );
      file = larger;
    }
  }

  /**
   * The ECB changes its files once a working day, so a file fetched a minute ago is still current: a run
   * that goes day by day (or a chain falling back day by day) downloads each file once, not once a day.
   */
  private fetchFile(file: EcbFile, signal?: AbortSignal): Promise<EcbDocument> {
    // Real elapsed time, not the injected clock: that one says which day it is, and may stand still in tests.
    const now = performance.now();
    const cached = this.recent.get(file);
    if (cached && now - cached.at < FILE_REUSE_MS) return cached.document;
    const document = this.download(file, signal);
    this.recent.set(file, { at: now, document });
    document.catch(() => this.recent.delete(file));
    return document;
  }

  private async download(file: EcbFile, signal?: AbortSignal): Promise<EcbDocument> {
    const what = describeFile(file);
    try {
      return await this.policy.execute(
        async ({ signal: attempt }) =>
          toEcbDocument(await requestEcbFile(this.options.baseUrl, file, this.logger, attempt), what),
        signal,
      );
    } catch (e) {
      if (isProviderError(e)) throw e;
      const { timeoutMs, breakerHalfOpenMs } = this.options;
      throw policyFailure(e, { provider: ECB_PROVIDER, what, timeoutMs, breakerHalfOpenMs, signal }) ?? e;
    }
  }
}
