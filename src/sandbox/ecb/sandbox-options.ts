import { NO_TRANSPORT_FAULTS, type SandboxOptions, type TransportFaultSettings } from '../sandbox-settings.js';

/** Behaviour that can change at run time through `set()`: the transport faults and an ECB content fault. */
export interface EcbSandboxSettings extends TransportFaultSettings {
  /** Well-formed XML whose first rate (newest day's first currency) is `0`. */
  readonly invalidRateRate: number;
  /** The sandbox's idea of now: decides the newest published day and the 90-day window. */
  readonly now: () => Date;
}

export type EcbSandboxOptions = SandboxOptions<EcbSandboxSettings>;

export const DEFAULT_ECB_SETTINGS: EcbSandboxSettings = {
  ...NO_TRANSPORT_FAULTS,
  failStatuses: [500, 502, 503, 504],
  invalidRateRate: 0,
};
