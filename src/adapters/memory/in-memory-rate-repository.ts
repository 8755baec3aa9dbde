import type { CurrencyCode } from '../../domain/currency.js';
import {
  isProvisional,
  toReplaced,
  type DailyRates,
  type FetchedRates,
  type ReplacedRates,
} from '../../domain/daily-rates.js';
import type { DayHistory, DayVersion } from '../../domain/day-history.js';
import type { IsoDate } from '../../domain/iso-date.js';
import { candidateProviders, choosePerDate, type ProviderChoice } from '../../domain/provider-choice.js';
import type { ProviderCoverage, RateRepository, StoredDay, UpsertReport } from '../../domain/rate-repository.js';
import { dayKey, planUpserts } from '../../domain/upsert-plan.js';

/** A `RateRepository` in a Map, for use-case tests. It passes the same contract suite as MongoDB's. */
export class InMemoryRateRepository implements RateRepository {
  private readonly days = new Map<string, DailyRates>();
  /** Replaced values by day, as the Mongo adapter keeps them in `previous`. */
  readonly history = new Map<string, ReplacedRates[]>();
  /** When each day was first stored. */
  private readonly created = new Map<string, Date>();

  async findByDate(date: IsoDate, base: CurrencyCode, choice: ProviderChoice = {}): Promise<DailyRates | null> {
    return (
      choosePerDate(
        // Like the Mongo adapter's key lookups: only providers the service knows (or the one asked).
        this.select(base, (d) => d.date === date && candidateProviders(choice).includes(d.provider)),
        choice,
      )[0] ?? null
    );
  }

  async findRange(from: IsoDate, to: IsoDate, base: CurrencyCode, choice: ProviderChoice = {}): Promise<DailyRates[]> {
    return choosePerDate(
      this.select(base, (d) => d.date >= from && d.date <= to),
      choice,
    );
  }

  async *streamRange(
    from: IsoDate,
    to: IsoDate,
    base: CurrencyCode,
    choice: ProviderChoice = {},
  ): AsyncGenerator<DailyRates> {
    yield* await this.findRange(from, to, base, choice);
  }

  async coverage(provider: string, base: CurrencyCode): Promise<ProviderCoverage | null> {
    const days = this.select(base, (d) => d.provider === provider);
    const first = days[0];
    const last = days.at(-1);
    return first && last ? { first: first.date, last: last.date, lastFetchedAt: last.fetchedAt } : null;
  }

  async findLatest(base: CurrencyCode, onOrBefore?: IsoDate, choice: ProviderChoice = {}): Promise<DailyRates | null> {
    return (
      choosePerDate(
        this.select(base, (d) => !onOrBefore || d.date <= onOrBefore),
        choice,
      ).at(-1) ?? null
    );
  }

  private readonly unpublished = new Set<string>();

  async recordNoPublication(provider: string, dates: readonly IsoDate[]): Promise<void> {
    for (const date of dates) this.unpublished.add(`${provider}|${date}`);
  }

  async listNoPublication(from: IsoDate, to: IsoDate, provider: string): Promise<IsoDate[]> {
    return [...this.unpublished]
      .map((k) => k.split('|') as [string, IsoDate])
      .filter(([p, d]) => p === provider && d >= from && d <= to)
      .map(([, d]) => d)
      .sort();
  }

  async listStored(from: IsoDate, to: IsoDate, base: CurrencyCode): Promise<StoredDay[]> {
    return this.select(base, (d) => d.date >= from && d.date <= to).map(({ date, provider, fetchedAt }) => ({
      date,
      provider,
      fetchedAt,
    }));
  }

  async findHistories(date: IsoDate, base: CurrencyCode, providers: readonly string[]): Promise<DayHistory[]> {
    return providers.flatMap((provider) => {
      const h = this.historyOf(dayKey({ date, base, provider }));
      return h ? [h] : [];
    });
  }

  async findRangeHistories(
    from: IsoDate,
    to: IsoDate,
    base: CurrencyCode,
    choice: ProviderChoice = {},
  ): Promise<DayHistory[]> {
    return this.select(base, (d) => d.date >= from && d.date <= to && (!choice.only || d.provider === choice.only))
      .map((d) => this.historyOf(dayKey(d)))
      .filter((h): h is DayHistory => h !== null);
  }

  async upsertMany(days: readonly FetchedRates[], storedAt: Date = new Date()): Promise<UpsertReport> {
    const report = { inserted: [] as IsoDate[], updated: [] as IsoDate[], unchanged: [] as IsoDate[] };
    const settled: IsoDate[] = [];
    const refetched: IsoDate[] = [];
    for (const o of planUpserts(days, this.days)) {
      const key = dayKey(o.day);
      if (o.kind === 'insert') {
        this.days.set(key, { ...o.day, rates: { ...o.day.rates }, revision: 1 });
        this.created.set(key, storedAt);
        report.inserted.push(o.day.date);
        continue;
      }
      if (o.kind === 'update' || o.touch) {
        this.history.set(key, [...(this.history.get(key) ?? []), toReplaced(o.current, storedAt)]);
      }
      if (o.kind === 'update') {
        this.days.set(key, { ...o.day, rates: { ...o.day.rates }, revision: o.current.revision + 1 });
        report.updated.push(o.day.date);
      } else {
        if (o.touch) {
          this.days.set(key, { ...o.current, fetchedAt: o.day.fetchedAt, sourceTimestamp: o.day.sourceTimestamp });
          if (isProvisional(o.current) && !isProvisional(o.day)) settled.push(o.day.date);
          refetched.push(o.day.date);
        }
        report.unchanged.push(o.day.date);
      }
    }
    return {
      ...report,
      ...(settled.length > 0 ? { settled } : {}),
      ...(refetched.length > 0 ? { refetched } : {}),
    };
  }

  /** The day's states as the Mongo adapter reads them from its document. */
  private historyOf(key: string): DayHistory | null {
    const current = this.days.get(key);
    if (!current) return null;
    const { date, base, provider } = current;
    const versions: DayVersion[] = [];
    let storedAt = this.created.get(key) ?? current.fetchedAt;
    for (const p of this.history.get(key) ?? []) {
      versions.push({ ...p, date, base, provider, storedAt });
      storedAt = p.replacedAt;
    }
    versions.push({ ...current, storedAt, replacedAt: null });
    return { provider, versions };
  }

  /** Matching days sorted as the Mongo adapter sorts them: by date, then provider. */
  private select(base: CurrencyCode, match: (d: DailyRates) => boolean): DailyRates[] {
    return [...this.days.values()]
      .filter((d) => d.base === base && match(d))
      .sort((a, b) => (a.date === b.date ? a.provider.localeCompare(b.provider) : a.date < b.date ? -1 : 1));
  }
}
