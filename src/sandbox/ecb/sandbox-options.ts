/**
 * Behaviour that can change at run time through `set()`. Fractions are 0..1 of requests, drawn from a
 * seeded generator so that a run with the same seed and requests meets the same faults.
 */
export interface EcbSandboxSettings {
  /** Added to every answer. */
  readonly latencyMs: number;
  /** Up to this much more, uniformly drawn. */
  readonly jitterMs: number;
  /** Answered with one of `failStatuses` and an HTML error page. */
  readonly failRate: number;
  readonly failStatuses: readonly number[];
  /** HTTP 200 with an HTML maintenance page instead of XML. */
  readonly htmlRate: number;
  /** HTTP 200 whose XML text is cut in half. */
  readonly truncateRate: number;
  /** Never answered (until `close()`). */
  readonly hangRate: number;
  /** Well-formed XML whose first rate (newest day's first currency) is `0`. */
  readonly invalidRateRate: number;
  readonly seed: number;
  /** The sandbox's idea of now: decides the newest published day and the 90-day window. */
  readonly now: () => Date;
}

export interface EcbSandboxOptions extends Partial<EcbSandboxSettings> {
  /** 0 (default) picks a free port. */
  readonly port?: number;
  /** Default 127.0.0.1: the sandbox is for this machine only. */
  readonly host?: string;
}

export const DEFAULT_ECB_SETTINGS: EcbSandboxSettings = {
  latencyMs: 0,
  jitterMs: 0,
  failRate: 0,
  failStatuses: [500, 502, 503, 504],
  htmlRate: 0,
  truncateRate: 0,
  hangRate: 0,
  invalidRateRate: 0,
  seed: 1,
  now: () => new Date(),
};
