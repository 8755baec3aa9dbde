import { FutureDateError, type DomainError } from '../domain/errors.js';
import { parseIsoDate, utcDateOf, type IsoDate } from '../domain/iso-date.js';
import { err, type Result } from '../domain/result.js';

/** A calendar date that is today (UTC) or earlier. */
export function parsePastDate(input: string, now: Date): Result<IsoDate, DomainError> {
  const date = parseIsoDate(input);
  if (!date.ok) return date;
  const today = utcDateOf(now);
  return date.value > today ? err(new FutureDateError(date.value, today)) : date;
}
