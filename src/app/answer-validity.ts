import { isProvisional, type DailyRates } from '../domain/daily-rates.js';
import { addDays, eachDate, utcDateOf, type IsoDate } from '../domain/iso-date.js';

/** How long (seconds) clients may keep an answer that only an explicit refresh can change. */
export const IMMUTABLE_MAX_AGE = 86_400;
/** For answers the next ingestion may change (provisional days, fallbacks, lists). */
export const SHORT_MAX_AGE = 60;

/**
 * How long an answer stays true, decided where its data is known (here), and turned into headers
 * by the transport. Two audiences: this service's own caches keep an answer until one of `dates`
 * changes (the data generation says so) or `validUntil` passes; clients get `maxAgeSeconds`, since
 * they hear of no change.
 */
export interface AnswerValidity {
  /** Only an explicit refresh can change it: final, settled, from the provider that would replace it. */
  readonly immutable: boolean;
  /** What `Cache-Control` may tell clients. */
  readonly maxAgeSeconds: number;
  /** When it stops being true whatever the data does (a new UTC day for "the newest day"; a provisional day's next fetch). */
  readonly validUntil?: Date;
  /** The stored days it was computed from: a change to any of them changes it. */
  readonly dates: readonly IsoDate[];
  /** It answers "the newest day": any new day stored after `dates` changes it too. */
  readonly newest: boolean;
  /** It lists the currency catalog: any change to stored days or names changes it. */
  readonly catalog: boolean;
  /**
   * It also shows state that no data generation tracks (a circuit breaker): clients may keep it for
   * `maxAgeSeconds`, but a process cache that waits for a data change to drop it must not keep it.
   */
  readonly live?: boolean;
}

/** Who could still replace a day: the preferred provider, unless the caller asked for one provider only. */
export interface Preference {
  /** Providers in order of preference (PROVIDERS). */
  readonly prefer: readonly string[];
  /** The provider the caller asked for, if any. */
  readonly only?: string | undefined;
}

/** The day can change only by an explicit refresh: final, past, and from the provider no other would replace. */
export function isSettled(day: DailyRates, now: Date, p: Preference): boolean {
  const replaceable = p.only === undefined && day.provider !== p.prefer[0];
  return !isProvisional(day) && day.date < utcDateOf(now) && !replaceable;
}

const nextMidnight = (now: Date) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1));

function mutable(day: DailyRates, now: Date, extra: Partial<AnswerValidity> = {}): AnswerValidity {
  const provisional = isProvisional(day);
  return {
    immutable: false,
    maxAgeSeconds: SHORT_MAX_AGE,
    // A provisional day changes with the next fetch, which this process hears of; the bound covers a missed one.
    ...(provisional ? { validUntil: new Date(now.getTime() + SHORT_MAX_AGE * 1000) } : {}),
    dates: [day.date],
    newest: false,
    catalog: false,
    ...extra,
  };
}

/** One stored day, asked for by date. `exact`: false when it is served in place of another day (fallback). */
export function dayValidity(day: DailyRates, now: Date, p: Preference, exact: boolean, asked: IsoDate): AnswerValidity {
  // A fallback answer also depends on the day asked (it may be stored later) and the days between.
  const dates = exact ? [day.date] : eachDate(day.date, asked);
  if (exact && isSettled(day, now, p)) {
    return { immutable: true, maxAgeSeconds: IMMUTABLE_MAX_AGE, dates, newest: false, catalog: false };
  }
  return mutable(day, now, { dates });
}

/** "The newest day": true until a newer day lands or the UTC day changes, whichever is first. */
export function latestValidity(day: DailyRates, now: Date, p: Preference): AnswerValidity {
  const midnight = nextMidnight(now);
  const untilMidnight = Math.max(1, Math.floor((midnight.getTime() - now.getTime()) / 1000));
  const short = isProvisional(day) || (p.only === undefined && day.provider !== p.prefer[0]);
  return {
    immutable: false,
    maxAgeSeconds: short ? Math.min(SHORT_MAX_AGE, untilMidnight) : untilMidnight,
    validUntil: isProvisional(day)
      ? new Date(Math.min(midnight.getTime(), now.getTime() + SHORT_MAX_AGE * 1000))
      : midnight,
    dates: [day.date],
    newest: true,
    catalog: false,
  };
}

const isWeekend = (d: IsoDate) => {
  const wd = new Date(`${d}T00:00:00Z`).getUTCDay();
  return wd === 0 || wd === 6;
};

/**
 * A range: immutable only when nothing can join or change it: it ends before today on a stored day
 * (no gap at the end, which the next run may fill), every day in it is settled, and it has no gap on a
 * working day (a backfill may fill it; weekends are the one gap no provider fills). `movedFrom`: a
 * fallback started it earlier than asked.
 */
export function rangeValidity(
  from: IsoDate,
  to: IsoDate,
  days: readonly DailyRates[],
  now: Date,
  p: Preference,
  movedFrom: boolean,
): AnswerValidity {
  const dates = eachDate(from, to);
  const stored = new Set(days.map((d) => d.date));
  const settled =
    !movedFrom &&
    days.length > 0 &&
    to < utcDateOf(now) &&
    stored.has(to) &&
    days.every((d) => isSettled(d, now, p)) &&
    dates.every((d) => stored.has(d) || isWeekend(d));
  if (settled) return { immutable: true, maxAgeSeconds: IMMUTABLE_MAX_AGE, dates, newest: false, catalog: false };
  const provisional = days.some(isProvisional);
  return {
    immutable: false,
    maxAgeSeconds: SHORT_MAX_AGE,
    ...(provisional ? { validUntil: new Date(now.getTime() + SHORT_MAX_AGE * 1000) } : {}),
    dates,
    newest: false,
    catalog: false,
  };
}

/** An `as_of` this close to now may still see a write that was under way when it was asked. */
export const AS_OF_SETTLED_MS = 60_000;

/**
 * An answer as of a past instant is what was stored then, and no later write changes that (a write adds a
 * state stored after it): immutable. Only an instant within the last AS_OF_SETTLED_MS may still see a write
 * that was under way when it was asked; such an answer holds until the instant is settled or its dates change.
 * `newest`: it answers "the newest day" at that instant.
 */
export function asOfValidity(asOf: Date, now: Date, dates: readonly IsoDate[], newest = false): AnswerValidity {
  const settledAt = asOf.getTime() + AS_OF_SETTLED_MS;
  if (now.getTime() >= settledAt) {
    return { immutable: true, maxAgeSeconds: IMMUTABLE_MAX_AGE, dates, newest: false, catalog: false };
  }
  return {
    immutable: false,
    maxAgeSeconds: SHORT_MAX_AGE,
    validUntil: new Date(settledAt),
    dates,
    newest,
    catalog: false,
  };
}

/**
 * Days before today within which a provider may still publish a day that it has not (late or
 * corrected publications): a miss there may be fetched again (FETCH_ON_MISS) with another outcome.
 */
export const RECENT_MISSING_DAYS = 7;

/**
 * "No rates stored for this day": true until the day is stored, which only a write does, and every
 * write changes the data generation, which drops the answer in every process. So a day older than
 * RECENT_MISSING_DAYS (a weekend, a holiday, a day before the stored history) is kept until then, as a
 * stored day is; a recent one for SHORT_MAX_AGE at most, so that a day a provider publishes late is
 * fetched again on a miss soon. Clients are told nothing of it: a 404 is never stored by them.
 */
export function missingDayValidity(date: IsoDate, now: Date): AnswerValidity {
  const recent = date >= addDays(utcDateOf(now), -RECENT_MISSING_DAYS);
  return {
    immutable: false,
    maxAgeSeconds: 0,
    ...(recent ? { validUntil: new Date(now.getTime() + SHORT_MAX_AGE * 1000) } : {}),
    dates: [date],
    newest: false,
    catalog: false,
  };
}

/** A day's revision history: any later fetch of the day, or a preferred provider storing it, adds to it. */
export function revisionsValidity(date: IsoDate): AnswerValidity {
  return { immutable: false, maxAgeSeconds: SHORT_MAX_AGE, dates: [date], newest: false, catalog: false };
}

/** The currency list: changes with any stored day or name; clients keep it briefly. */
export function catalogValidity(): AnswerValidity {
  return { immutable: false, maxAgeSeconds: SHORT_MAX_AGE, dates: [], newest: false, catalog: true };
}
