import { dateRanges } from '../../domain/date-ranges.js';
import type { IngestionPlan } from '../../domain/ingestion-plan.js';
import { causeLine, type IngestionReport } from '../../domain/ingestion-run.js';
import type { RequestEstimate } from './request-estimate.js';

const ranges = (dates: readonly string[]) => (dates.length === 0 ? '-' : dateRanges(dates as never));

/** The plan as a dry run prints it: counts, what it would cost, and the dates as ranges. */
export function formatPlan(plan: IngestionPlan, cost: readonly RequestEstimate[]): string {
  return [
    `dry run: ${plan.asked.length} days asked, ${plan.fetch.length} to fetch, ${plan.skip.length} already final`,
    ...cost.map((c) => `  ${c.provider} at ${c.endpoint}: ${c.requests} request(s); ${c.note}`),
    `would fetch (${plan.fetch.length}): ${ranges(plan.fetch)}`,
    `already final (${plan.skip.length}): ${ranges(plan.skip)}`,
    'fxrates ingest --dry-run --json lists every date.',
  ].join('\n');
}

/** A run's report for people: what went wrong first (one line per cause), then the counts and failed days. */
export function formatReport(r: IngestionReport): string {
  const delivered = Object.entries(r.deliveredBy).map(([p, n]) => `${p} ${n}`);
  const lines = [
    ...r.causes.map(causeLine),
    `provider: ${r.provider}${delivered.length > 0 ? ` (days delivered: ${delivered.join(', ')})` : ''}`,
    `planned ${r.planned.length}, fetched ${r.fetched.length}: inserted ${r.inserted.length}, updated ${r.updated.length}, unchanged ${r.unchanged.length}; no publication ${r.noPublication.length}; skipped ${r.skipped.length} (already final or unpublished); failed ${r.failed.length}`,
  ];
  if (r.stoppedEarly) lines.push(`stopped early: ${r.stoppedEarly}`);
  const storage = r.failed.filter((f) => f.kind === 'storage');
  for (const f of storage) lines.push(`  ${f.date} failed (storage): ${f.reason}`);
  const others = r.failed.filter((f) => f.kind !== 'storage').map((f) => f.date);
  if (others.length > 0) lines.push(`failed days: ${dateRanges(others)}`);
  return lines.join('\n');
}

/** The warning a run deserves on stderr even when every day landed: a fallback stood in for a provider taken out. */
export function standInWarnings(r: IngestionReport): string[] {
  return r.causes
    .filter((c) => c.providerWide && Object.keys(c.deliveredInstead).length > 0)
    .map((c) => `warning: ${causeLine(c)}`);
}
