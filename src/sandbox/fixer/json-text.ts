/**
 * JSON text as Fixer writes it. `JSON.stringify` only switches to exponent form below 1e-6, while Fixer
 * (Python-style float repr) writes anything below 1e-4 that way with a two-digit exponent
 * (`3.9823669e-05`), so clients must be tested against that spelling.
 */
export function fixerJson(value: unknown): string {
  if (typeof value === 'number') return formatNumber(value);
  if (Array.isArray(value)) return `[${value.map(fixerJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const fields = Object.entries(value).filter(([, v]) => v !== undefined);
    return `{${fields.map(([k, v]) => `${JSON.stringify(k)}:${fixerJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return 'null';
  if (n === 0 || Math.abs(n) >= 1e-4) return JSON.stringify(n);
  return n.toExponential().replace(/e([+-])(\d)$/, 'e$10$2');
}
