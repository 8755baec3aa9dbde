import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../../../domain/logger.js';
import type { Caller } from '../../../app/api-keys.js';

export interface RequestObserver {
  httpRequest(route: string, method: string, status: number, seconds: number): void;
}

/** Routes the edge answers for operators (probes and metrics): public, never rate limited, logged at debug. */
export const PROBES: ReadonlySet<string> = new Set(['healthz', 'readyz', 'metrics']);
const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/**
 * One request's log line and metrics sample. Neither carries the URL (its query may hold anything) nor
 * the key, only the route label and the key's name. Probes log at debug, or they would drown the log.
 */
export function recordRequest(
  req: IncomingMessage,
  caller: Caller,
  label: string,
  status: number,
  seconds: number,
  deps: { readonly logger: Logger; readonly metrics: RequestObserver },
): void {
  const method = METHODS.has(req.method ?? '') ? req.method! : 'OTHER';
  deps.metrics.httpRequest(label, method, status, seconds);
  const fields = {
    method,
    route: label,
    status,
    durationMs: Math.round(seconds * 10_000) / 10,
    keyName: caller.kind === 'key' ? caller.name : caller.kind === 'invalid' ? '(invalid)' : undefined,
  };
  deps.logger[PROBES.has(label) ? 'debug' : 'info'](fields, 'request');
}

/** Records the request when its response is done, or with 499 when the client went away first. */
export function observeRequest(
  req: IncomingMessage,
  res: ServerResponse,
  caller: Caller,
  route: () => string,
  deps: { readonly logger: Logger; readonly metrics: RequestObserver },
): void {
  const started = performance.now();
  res.once('close', () => {
    const status = res.writableFinished ? res.statusCode : 499;
    recordRequest(req, caller, route(), status, (performance.now() - started) / 1000, deps);
  });
}
