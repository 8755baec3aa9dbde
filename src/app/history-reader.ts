import { inject, injectable } from 'tsyringe';
import { STORAGE_BASE } from '../domain/currency.js';
import { chooseAt, firstStoredAt, type DayHistory, type DayVersion } from '../domain/day-history.js';
import { addDays, utcDateOf, type IsoDate } from '../domain/iso-date.js';
import { candidateProviders, type ProviderChoice } from '../domain/provider-choice.js';
import type { RateRepository } from '../domain/rate-repository.js';
import { FALLBACK_DAYS } from './rate-reader.js';
import { TOKENS } from './tokens.js';

/** `latest` at an instant looks back this many days by primary key (a day is stored within a day or two of its end). */
const LATEST_LOOKUP_DAYS = 7;
/** Past those, one range query over this many more days; nothing older is answered as "latest". */
const LATEST_SCAN_DAYS = 366;

/** What was stored for one day at an instant, and when the day was first stored (by any provider). */
export interface DayAt {
  readonly day: DayVersion | null;
  readonly firstStoredAt: Date | null;
}

/**
 * Reads days as they were stored at an instant, under today's provider preference. A day's whole history
 * lives in its document, so a day at an instant costs the same primary-key lookups as a plain read. Not
 * cached: past answers never change, but each instant is its own key and the HTTP caches keep the answers.
 */
@injectable()
export class HistoryReader {
  private readonly prefer: readonly string[];

  constructor(
    @inject(TOKENS.RateRepository) private readonly repo: RateRepository,
    @inject(TOKENS.Config) config: { readonly PROVIDERS: readonly string[] },
  ) {
    this.prefer = config.PROVIDERS;
  }

  /** Every provider's history of the day (only `only`'s when given), preferred provider first. */
  history(date: IsoDate, only?: string): Promise<DayHistory[]> {
    return this.repo.findHistories(date, STORAGE_BASE, this.providers(only));
  }

  async byDate(date: IsoDate, asOf: Date, only?: string): Promise<DayAt> {
    // The preferred providers first, as a plain read does: when one of them had the day then, it is the answer.
    const preferred = only === undefined ? await this.repo.findHistories(date, STORAGE_BASE, this.prefer) : [];
    const day = chooseAt(preferred, asOf, this.choice(only))[0];
    if (day) return { day, firstStoredAt: firstStoredAt(preferred) };
    const all = await this.history(date, only);
    return { day: chooseAt(all, asOf, this.choice(only))[0] ?? null, firstStoredAt: firstStoredAt(all) };
  }

  range(from: IsoDate, to: IsoDate, asOf: Date, only?: string): Promise<DayVersion[]> {
    return this.repo
      .findRangeHistories(from, to, STORAGE_BASE, this.choice(only))
      .then((h) => chooseAt(h, asOf, this.choice(only)));
  }

  /** The newest day at or before `onOrBefore` that was stored at `asOf`. */
  async latest(onOrBefore: IsoDate, asOf: Date, only?: string): Promise<DayVersion | null> {
    const start = [onOrBefore, utcDateOf(asOf)].sort()[0] as IsoDate;
    for (let back = 0; back < LATEST_LOOKUP_DAYS; back++) {
      const { day } = await this.byDate(addDays(start, -back), asOf, only);
      if (day) return day;
    }
    const older = await this.range(
      addDays(start, -(LATEST_LOOKUP_DAYS + LATEST_SCAN_DAYS - 1)),
      addDays(start, -LATEST_LOOKUP_DAYS),
      asOf,
      only,
    );
    return older.at(-1) ?? null;
  }

  /** What `fallback=previous` served at `asOf` for a missing day: the newest day within FALLBACK_DAYS before it. */
  async dayBefore(date: IsoDate, asOf: Date, only?: string): Promise<DayVersion | null> {
    for (let back = 1; back <= FALLBACK_DAYS; back++) {
      const { day } = await this.byDate(addDays(date, -back), asOf, only);
      if (day) return day;
    }
    return null;
  }

  private providers(only: string | undefined): readonly string[] {
    return candidateProviders(this.choice(only));
  }

  private choice(only: string | undefined): ProviderChoice {
    return only ? { only } : { prefer: this.prefer };
  }
}
