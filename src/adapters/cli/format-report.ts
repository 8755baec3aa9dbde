import type { IngestionPlan } from '../../domain/ingestion-plan.js';
import type { IngestionReport } from '../../domain/ingestion-run.js';

const list = (dates: readonly string[]) => (dates.length === 0 ? '-' : dates.join(', '));

/** The plan as a dry run prints it. */
export function formatPlan(plan: IngestionPlan): string {
  return [
    `would fetch (${plan.fetch.length}): ${list(plan.fetch)}`,
    `already final (${plan.skip.length}): ${list(plan.skip)}`,
  ].join('\n');
}

/** A run's report for people: counts, then every failed day with its reason. */
export function formatReport(r: IngestionReport): string {
  const lines = [
    `provider: ${r.provider}`,
    `planned ${r.planned.length}, fetched ${r.fetched.length}: inserted ${r.inserted.length}, updated ${r.updated.length}, unchanged ${r.unchanged.length}; no publication ${r.noPublication.length}; skipped ${r.skipped.length} (already final or unpublished); failed ${r.failed.length}`,
  ];
  if (r.stoppedEarly) lines.push(`stopped early: ${r.stoppedEarly}`);
  for (const f of r.failed) lines.push(`  ${f.date} failed (${f.kind}): ${f.reason}`);
  return lines.join('\n');
}
