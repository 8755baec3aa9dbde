import type { Caller } from '../../../app/api-keys.js';
import type { Dependencies } from '../cache-hints.js';

/**
 * What the HTTP edge learns about one request and the procedures later fill in: who calls (found once,
 * before rate limiting), which procedures answered (for the route label of logs and metrics), and
 * what the answer depends on (for the edge cache).
 */
export interface RequestState {
  readonly caller: Caller;
  /** Procedure paths of the answer, set from responseMeta; unset when no procedure was found. */
  paths: readonly string[] | undefined;
  /** Rate-limit tokens the request spends (edge/request-cost.ts); 1 until its cost is known. */
  cost: number;
  /** A fixed route label (probes, docs, rate limited), which wins over the procedures'. */
  label?: string | undefined;
  /** The edge cache's key of this request, when it may be kept; unset for a hit or anything uncacheable. */
  cacheKey?: string | undefined;
  /** What the procedures' answer depends on (null: some part vouched for nothing), set from responseMeta. */
  dependencies?: Dependencies | null | undefined;
  /**
   * A successful answer (REST or tRPC) whose ETag is made from its serialised body when it is sent (see
   * response-meta's `responseMeta`), with what a conditional request compares.
   */
  tagOnSend?: ConditionalFacts | undefined;
}

/** What decides a 304 once the ETag is known. */
export interface ConditionalFacts {
  readonly ifNoneMatch: string | undefined;
  readonly ifModifiedSince: string | undefined;
  /** The answer's Last-Modified, in ms. */
  readonly lastModified: number | null;
}

// Keyed by Node's request object, which every adapter (and each shim around it) carries as `raw` or is.
const states = new WeakMap<object, RequestState>();

export const attachRequestState = (req: object, state: RequestState): void => void states.set(req, state);

export const requestStateOf = (req: unknown): RequestState | undefined =>
  typeof req === 'object' && req !== null ? states.get(req) : undefined;
