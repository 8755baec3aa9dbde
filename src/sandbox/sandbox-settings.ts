/**
 * The transport faults every sandbox injects, changeable at run time through `set()`. Fractions are 0..1
 * of requests, drawn from a seeded generator so that a run with the same seed and requests meets the
 * same faults.
 */
export interface TransportFaultSettings {
  /** Added to every answer. */
  readonly latencyMs: number;
  /** Up to this much more, uniformly drawn. */
  readonly jitterMs: number;
  /** Answered with one of `failStatuses` and an HTML error page. */
  readonly failRate: number;
  readonly failStatuses: readonly number[];
  /** HTTP 200 with an HTML maintenance page instead of the API's body. */
  readonly htmlRate: number;
  /** HTTP 200 whose body is cut in half. */
  readonly truncateRate: number;
  /** Never answered (until `close()`). */
  readonly hangRate: number;
  readonly seed: number;
  /** The sandbox's idea of now. */
  readonly now: () => Date;
}

/** Given at start only: a running server cannot move. */
export interface SandboxListenOptions {
  /** 0 (default) picks a free port. */
  readonly port?: number;
  /** Default 127.0.0.1: the sandbox is for this machine only. */
  readonly host?: string;
}

/** What a sandbox is started with: any of its settings (the rest default) and where to listen. */
export type SandboxOptions<S> = Partial<S> & SandboxListenOptions;

/** No faults on the real clock. `failStatuses` is left to each sandbox: the provider's own infrastructure decides them. */
export const NO_TRANSPORT_FAULTS: Omit<TransportFaultSettings, 'failStatuses'> = {
  latencyMs: 0,
  jitterMs: 0,
  failRate: 0,
  htmlRate: 0,
  truncateRate: 0,
  hangRate: 0,
  seed: 1,
  now: () => new Date(),
};
