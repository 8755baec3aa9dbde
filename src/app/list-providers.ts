import { STORAGE_BASE } from '../domain/currency.js';
import type { CurrencyCatalog } from '../domain/currency-catalog.js';
import { addDays, eachDate, startOfDayMs, utcDateOf, type IsoDate } from '../domain/iso-date.js';
import type { RateRepository } from '../domain/rate-repository.js';
import { SHORT_MAX_AGE, type AnswerValidity } from './answer-validity.js';
import type { BreakerState } from './ingestion-metrics.js';
import { PROVIDER_PROFILES, type ProviderProfile } from './provider-profiles.js';
import type { RatesChangeFeed } from './rates-change-feed.js';

/** Missed publications are counted over this many days before today. */
export const MISSED_WINDOW_DAYS = 30;
/** The answer is rebuilt at most this often (and after this process stores rates). */
const TTL_MS = 60_000;

export interface ProviderStatus extends Omit<ProviderProfile, 'publishesOn'> {
  /** Named in PROVIDERS and usable (Fixer needs its key). */
  readonly configured: boolean;
  readonly currencies: readonly string[];
  /** First and last stored day; null when nothing of it is stored. */
  readonly coverage: { readonly first: IsoDate; readonly last: IsoDate } | null;
  /** When its newest stored day was fetched. */
  readonly lastFetchedAt: Date | null;
  /** Expected days of the last MISSED_WINDOW_DAYS (from its first stored day on) neither stored nor known unpublished. */
  readonly missedPublications: readonly IsoDate[];
  /** Its circuit breaker in this process. */
  readonly breaker: BreakerState;
}

export interface ListProvidersDeps {
  readonly repo: RateRepository;
  readonly catalog: CurrencyCatalog;
  readonly feed: RatesChangeFeed;
  readonly now: () => Date;
  readonly configured: (name: string) => boolean;
  readonly breakerState: (name: string) => BreakerState;
}

/**
 * Every known provider with its coverage and health. Cheap to ask: the answer is built at most once a
 * minute (a few small queries per provider) and dropped when this process stores rates. No key or
 * secret is part of it, only whether the provider is configured.
 */
export class ListProviders {
  private cached: { at: number; value: Promise<ProviderStatus[]> } | null = null;

  constructor(private readonly deps: ListProvidersDeps) {
    deps.feed.subscribe(() => void (this.cached = null));
  }

  execute(): Promise<ProviderStatus[]> {
    const at = this.deps.now().getTime();
    if (!this.cached || at - this.cached.at >= TTL_MS) {
      const value = this.build();
      this.cached = { at, value };
      // A failed build (database down) is not kept.
      value.catch(() => {
        if (this.cached?.value === value) this.cached = null;
      });
    }
    // The breaker is read live: it is in memory, and its state matters most when it just changed.
    return this.cached.value.then((list) => list.map((p) => ({ ...p, breaker: this.deps.breakerState(p.name) })));
  }

  private async build(): Promise<ProviderStatus[]> {
    const known = await this.deps.catalog.list();
    const today = utcDateOf(this.deps.now());
    return Promise.all(
      PROVIDER_PROFILES.map(async ({ publishesOn, ...profile }) => {
        const coverage = await this.deps.repo.coverage(profile.name, STORAGE_BASE);
        return {
          ...profile,
          configured: this.deps.configured(profile.name),
          currencies: known.filter((c) => c.providers.includes(profile.name)).map((c) => c.code),
          coverage: coverage ? { first: coverage.first, last: coverage.last } : null,
          lastFetchedAt: coverage?.lastFetchedAt ?? null,
          missedPublications: coverage ? await this.missed(profile.name, publishesOn, coverage.first, today) : [],
          breaker: this.deps.breakerState(profile.name),
        };
      }),
    );
  }

  /** Days up to yesterday (today's publication may still come) it should have published but nothing is stored for. */
  private async missed(
    name: string,
    publishesOn: (weekday: number) => boolean,
    first: IsoDate,
    today: IsoDate,
  ): Promise<IsoDate[]> {
    const windowStart = addDays(today, -MISSED_WINDOW_DAYS);
    const from = first > windowStart ? first : windowStart;
    const to = addDays(today, -1);
    if (from > to) return [];
    const [stored, unpublished] = await Promise.all([
      this.deps.repo.listStored(from, to, STORAGE_BASE),
      this.deps.repo.listNoPublication(from, to, name),
    ]);
    const seen = new Set<string>([...stored.filter((d) => d.provider === name).map((d) => d.date), ...unpublished]);
    return eachDate(from, to).filter((d) => !seen.has(d) && publishesOn(new Date(startOfDayMs(d)).getUTCDay()));
  }
}

/** Clients keep the list a minute: coverage moves with every stored day, and the breaker state at any time. */
export const providersValidity = (now: Date): AnswerValidity => ({
  immutable: false,
  maxAgeSeconds: SHORT_MAX_AGE,
  validUntil: new Date(now.getTime() + SHORT_MAX_AGE * 1000),
  dates: [],
  newest: true,
  catalog: true,
  // The breaker state is read live: a cached answer would hide it opening.
  live: true,
});
