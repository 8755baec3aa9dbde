import { isProvisional } from './daily-rates.js';
import { FutureDateError, InvalidRangeError, type DomainError } from './errors.js';
import { addDays, daysBetween, eachDate, type IsoDate } from './iso-date.js';
import type { StoredDay } from './rate-repository.js';
import { err, ok, type Result } from './result.js';

/** Which days an ingestion run is asked for. */
export type IngestionTarget =
  | { readonly kind: 'recent'; readonly days: number }
  | { readonly kind: 'range'; readonly from: IsoDate; readonly to: IsoDate }
  | { readonly kind: 'dates'; readonly dates: readonly IsoDate[] };

export interface IngestionRequest {
  readonly target: IngestionTarget;
  /** Fetch every asked day again, final or not. */
  readonly refresh: boolean;
  /** Allow asking for more than MAX_DAYS_WITHOUT_CONFIRMATION days. */
  readonly confirmLarge: boolean;
}

export interface IngestionPlan {
  /** Every day asked for, ascending. */
  readonly asked: IsoDate[];
  /** Days to fetch: missing, provisional, or all with `refresh`. */
  readonly fetch: IsoDate[];
  /** Days already stored as final, or known to have no publication. */
  readonly skip: IsoDate[];
}

/** A backfill over the limit below, asked without confirming it. */
export class UnconfirmedRangeError extends InvalidRangeError {
  constructor(readonly days: number) {
    super(`${days} days is more than five years; confirm to fetch that much`);
  }
}

/** About five years: a larger backfill costs a small plan's quota many times over, so it must be confirmed. */
export const MAX_DAYS_WITHOUT_CONFIRMATION = 5 * 366;

/** The days a request covers: "recent" means the N days before today, today excluded (it has not ended). */
export function datesOf(target: IngestionTarget, today: IsoDate): Result<IsoDate[], DomainError> {
  switch (target.kind) {
    case 'recent':
      if (!Number.isInteger(target.days) || target.days < 1)
        return err(new InvalidRangeError('days must be a whole number of at least 1'));
      return ok(eachDate(addDays(today, -target.days), addDays(today, -1)));
    case 'range':
      if (target.from > target.to)
        return err(new InvalidRangeError(`from (${target.from}) is after to (${target.to})`));
      if (target.to > today) return err(new FutureDateError(target.to, today));
      return ok(eachDate(target.from, target.to));
    case 'dates': {
      if (target.dates.length === 0) return err(new InvalidRangeError('no dates given'));
      const future = target.dates.find((d) => d > today);
      if (future) return err(new FutureDateError(future, today));
      return ok([...new Set(target.dates)].sort());
    }
  }
}

/**
 * Decides which asked days to fetch, given what is stored: a day stored as final is skipped unless
 * `refresh`; a missing or provisional day is fetched. Pure, so the CLI's `--dry-run` shows exactly this.
 */
export function planIngestion(
  request: IngestionRequest,
  today: IsoDate,
  stored: readonly StoredDay[],
  unpublished: readonly IsoDate[] = [],
): Result<IngestionPlan, DomainError> {
  const asked = datesOf(request.target, today);
  if (!asked.ok) return asked;
  const span = asked.value.length === 0 ? 0 : daysBetween(asked.value[0]!, asked.value.at(-1)!) + 1;
  if (span > MAX_DAYS_WITHOUT_CONFIRMATION && !request.confirmLarge) {
    return err(new UnconfirmedRangeError(span));
  }
  const final = new Set<string>([...stored.filter((s) => !isProvisional(s)).map((s) => s.date), ...unpublished]);
  const fetch: IsoDate[] = [];
  const skip: IsoDate[] = [];
  for (const date of asked.value) (request.refresh || !final.has(date) ? fetch : skip).push(date);
  return ok({ asked: asked.value, fetch, skip });
}
