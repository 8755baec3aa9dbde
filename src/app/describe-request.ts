import type { IngestionRequest } from '../domain/ingestion-plan.js';

/** A one-line description of an ingestion request, for run records and logs. */
export function describeRequest(r: IngestionRequest): string {
  const t = r.target;
  const what =
    t.kind === 'recent'
      ? `last ${t.days} day${t.days === 1 ? '' : 's'}`
      : t.kind === 'range'
        ? `${t.from} to ${t.to}`
        : `dates ${t.dates.join(', ')}`;
  return r.refresh ? `${what} (refresh)` : what;
}
