import type { FixerSandboxSettings } from './sandbox-options.js';

/** mulberry32: a tiny seeded generator, so a fault pattern can be replayed exactly. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

export type TransportFault = 'hang' | 'fail' | 'html' | 'truncate';

/** At most one transport fault per request, from a single draw so the fractions add up. */
export function pickTransportFault(s: FixerSandboxSettings, draw: number): TransportFault | null {
  let edge = 0;
  for (const [fault, rate] of [
    ['hang', s.hangRate],
    ['fail', s.failRate],
    ['html', s.htmlRate],
    ['truncate', s.truncateRate],
  ] as const) {
    edge += rate;
    if (draw < edge) return fault;
  }
  return null;
}

export function errorPage(status: number): string {
  if (status === 524) return 'error code: 524';
  return `<html><head><title>${status} Service Error</title></head><body><center><h1>${status}</h1></center><hr><center>sandbox</center></body></html>`;
}

export const MAINTENANCE_PAGE =
  '<!DOCTYPE html><html><head><title>Maintenance</title></head><body><h1>We&rsquo;ll be back soon!</h1></body></html>';
