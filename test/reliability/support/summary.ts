/** The one line each scenario prints with its figures, so a CI log shows what was measured. */
export function summary(scenario: string, figures: Record<string, unknown>): void {
  const parts = Object.entries(figures).map(([k, v]) => `${k}=${typeof v === 'object' ? JSON.stringify(v) : v}`);
  console.log(`  [reliability] ${scenario}: ${parts.join(' ')}`);
}

/** Counts of each value, e.g. status codes. */
export function tally(values: readonly (string | number)[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of values) out[v] = (out[v] ?? 0) + 1;
  return out;
}
