import type { Caller } from '../auth/api-keys.js';

/**
 * What the HTTP edge learns about one request and the procedures later fill in: who calls (found once,
 * before rate limiting) and which procedures answered (for the route label of logs and metrics).
 */
export interface RequestState {
  readonly caller: Caller;
  /** Procedure paths of the answer, set from responseMeta; unset when no procedure was found. */
  paths: readonly string[] | undefined;
}

// Keyed by the Node response object: both adapters pass it through to createContext unchanged.
const states = new WeakMap<object, RequestState>();

export const attachRequestState = (res: object, state: RequestState): void => void states.set(res, state);

export const requestStateOf = (res: unknown): RequestState | undefined =>
  typeof res === 'object' && res !== null ? states.get(res) : undefined;
