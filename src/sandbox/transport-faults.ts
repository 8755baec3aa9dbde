import type { TransportFaultSettings } from './sandbox-settings.js';

export type TransportFault = 'hang' | 'fail' | 'html' | 'truncate';

/** In the order `pickFault` tries them: a seed replays the same faults only if the order stays. */
export const transportFaultRates = (s: TransportFaultSettings) =>
  [
    ['hang', s.hangRate],
    ['fail', s.failRate],
    ['html', s.htmlRate],
    ['truncate', s.truncateRate],
  ] as const;

/** At most one fault per request, from a single draw so the fractions add up. */
export function pickFault<F extends string>(draw: number, rates: readonly (readonly [F, number])[]): F | null {
  let edge = 0;
  for (const [fault, rate] of rates) {
    edge += rate;
    if (draw < edge) return fault;
  }
  return null;
}

export const drawFailStatus = (s: TransportFaultSettings, random: () => number): number =>
  s.failStatuses[Math.floor(random() * s.failStatuses.length)] ?? 503;

export const drawDelayMs = (s: TransportFaultSettings, random: () => number): number =>
  s.latencyMs + s.jitterMs * random();

/** Half the text, at least one character: cut mid-document, so a client's parser must reject it. */
export const truncated = (text: string): string => text.slice(0, Math.max(1, Math.floor(text.length / 2)));
