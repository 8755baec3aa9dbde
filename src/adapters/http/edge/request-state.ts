import type { Caller } from '../auth/api-keys.js';

/**
 * What the HTTP edge learns about one request and the procedures later fill in: who calls (found once,
 * before rate limiting) and which procedures answered (for the route label of logs and metrics).
 */
export interface RequestState {
  readonly caller: Caller;
  /** Procedure paths of the answer, set from responseMeta; unset when no procedure was found. */
  paths: readonly string[] | undefined;
  /** Rate-limit tokens the request spends (edge/request-cost.ts); 1 until its cost is known. */
  cost: number;
  /** A fixed route label (probes, docs, rate limited), which wins over the procedures'. */
  label?: string | undefined;
}

// Keyed by Node's request object, which every adapter (and each shim around it) carries as `raw` or is.
const states = new WeakMap<object, RequestState>();

export const attachRequestState = (req: object, state: RequestState): void => void states.set(req, state);

export const requestStateOf = (req: unknown): RequestState | undefined =>
  typeof req === 'object' && req !== null ? states.get(req) : undefined;
