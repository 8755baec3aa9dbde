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
