/** A plain-text table: the first row is the header; numbers are right-aligned. */
export function table(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  const numeric = (s: string) => /^[\d.,x×%-]+( ?[a-zA-Z/]+)?$/.test(s) && /\d/.test(s);
  const line = (r: readonly string[]) =>
    r.map((cell, i) => (numeric(cell) ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!))).join('  ');
  return [line(rows[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

export const int = (n: number): string => (n < 10 ? n.toFixed(1) : Math.round(n).toLocaleString('en-US'));
export const ms = (n: number): string => `${n.toFixed(n < 10 ? 1 : 0)} ms`;
export const ratio = (n: number): string => `${n.toFixed(2)}x`;
export const mb = (kb: number | null): string => (kb === null ? 'n/a' : `${(kb / 1024).toFixed(0)} MB`);
