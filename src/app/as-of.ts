import { FutureAsOfError, InvalidAsOfError, type DomainError } from '../domain/errors.js';
import { endOfDay, parseIsoDate } from '../domain/iso-date.js';
import { err, ok, type Result } from '../domain/result.js';

const RFC3339 = /^(\d{4}-\d{2}-\d{2})[Tt ](\d{2}:\d{2}:\d{2})(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2})$/;

/**
 * The instant an `as_of` parameter names: an RFC 3339 instant, or a date meaning the end of that UTC day
 * (its last millisecond: everything stored that day counts). Not after `now`: the future is not known yet.
 */
export function parseAsOf(input: string, now: Date): Result<Date, DomainError> {
  const instant = toInstant(input);
  if (instant === null) return err(new InvalidAsOfError(input));
  if (instant.getTime() > now.getTime()) return err(new FutureAsOfError(instant.toISOString(), now.toISOString()));
  return ok(instant);
}

function toInstant(input: string): Date | null {
  const day = parseIsoDate(input);
  if (day.ok) return new Date(endOfDay(day.value).getTime() - 1);
  const m = RFC3339.exec(input);
  if (!m || !parseIsoDate(m[1]!).ok) return null;
  // Date keeps milliseconds: finer digits are cut, so an instant never moves past the one asked.
  const fraction = (m[3] ?? '').slice(0, 4);
  const zone = m[4]!.toUpperCase();
  const t = Date.parse(`${m[1]}T${m[2]}${fraction}${zone}`);
  return Number.isNaN(t) ? null : new Date(t);
}
