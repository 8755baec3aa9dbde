import { FutureDateError, InvalidRangeError, type DomainError } from '../domain/errors.js';
import { parseIsoDate, utcDateOf, type IsoDate } from '../domain/iso-date.js';
import { err, ok, type Result } from '../domain/result.js';

/** A calendar date that is today (UTC) or earlier. */
export function parsePastDate(input: string, now: Date): Result<IsoDate, DomainError> {
  const date = parseIsoDate(input);
  if (!date.ok) return date;
  const today = utcDateOf(now);
  return date.value > today ? err(new FutureDateError(date.value, today)) : date;
}

/** A range's bounds: both past calendar dates, `to` defaulting to today (UTC), `from` not after `to`. */
export function parsePastRange(
  from: string,
  to: string | undefined,
  now: Date,
): Result<{ from: IsoDate; to: IsoDate }, DomainError> {
  const first = parsePastDate(from, now);
  if (!first.ok) return first;
  const last = parsePastDate(to ?? utcDateOf(now), now);
  if (!last.ok) return last;
  if (first.value > last.value) return err(new InvalidRangeError(`from (${first.value}) is after to (${last.value})`));
  return ok({ from: first.value, to: last.value });
}
