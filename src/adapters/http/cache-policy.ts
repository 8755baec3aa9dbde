import type { DailyRates } from '../../domain/daily-rates.js';
import { isProvisional } from '../../domain/daily-rates.js';
import { utcDateOf } from '../../domain/iso-date.js';
import { IMMUTABLE_MAX_AGE, SHORT_MAX_AGE, type CacheHints } from './cache-hints.js';

/**
 * A final past day never changes without an explicit refresh: cache it for a day. Today's day, a
 * provisional one, or one served in place of another (fallback) may change with the next ingestion.
 */
export function hintForDays(cache: CacheHints, days: readonly DailyRates[], now: Date, exact = true): void {
  const today = utcDateOf(now);
  const settled = exact && days.every((d) => !isProvisional(d) && d.date < today);
  cache.keepFor(settled ? IMMUTABLE_MAX_AGE : SHORT_MAX_AGE);
}

/** "The newest day" holds until the next UTC midnight, when a newer day may be stored; not while provisional. */
export function keepLatest(ctx: { cache: CacheHints; now: () => Date }, day: DailyRates): void {
  if (isProvisional(day)) ctx.cache.keepFor(SHORT_MAX_AGE);
  else ctx.cache.keepUntilMidnight(ctx.now());
}

/** An `as_of` this close to now may still see a write that was under way when it was asked. */
export const AS_OF_SETTLED_MS = 60_000;

/**
 * An answer `as_of` a past instant is what was stored then, which never changes: cache it as immutable
 * (the strong ETag lets clients revalidate). Only an instant within the last minute may still change.
 */
export function hintForAsOf(cache: CacheHints, asOf: Date, now: Date): void {
  cache.keepFor(now.getTime() - asOf.getTime() >= AS_OF_SETTLED_MS ? IMMUTABLE_MAX_AGE : SHORT_MAX_AGE);
}
