/** Rates span 1e-5 to 1e5: significant digits, not fixed decimals, keep each one readable. */
export function formatRate(n: number): string {
  return n.toLocaleString('en', { maximumSignificantDigits: 7, minimumSignificantDigits: 3, useGrouping: true });
}

export function formatChange(now: number, before: number | undefined): { text: string; sign: -1 | 0 | 1 } {
  if (before === undefined || before === 0) return { text: '–', sign: 0 };
  const pct = ((now - before) / before) * 100;
  const sign = pct > 0 ? 1 : pct < 0 ? -1 : 0;
  // Below 0.01 % two decimals would print a signed zero; one significant digit says how small it is.
  const size = Math.abs(pct);
  const digits = size !== 0 && size < 0.01 ? size.toPrecision(1) : size.toFixed(2);
  const text = `${sign > 0 ? '+' : sign < 0 ? '−' : '±'}${digits} %`;
  return { text, sign };
}

export const formatInstant = (iso: string): string => `${iso.slice(0, 16).replace('T', ' ')} UTC`;

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Partial<HTMLElementTagNameMap[K]> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
}

export const byId = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;

/** ISO day `days` after `date` (negative: before). */
export const shiftDay = (date: string, days: number): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
