import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../../../domain/logger.js';
import type { Caller } from '../../../app/api-keys.js';

export interface RequestObserver {
  httpRequest(route: string, method: string, status: number, seconds: number): void;
}

/** One request as its log line says it: never the URL (its query may hold anything) nor the key. */
export interface AccessLine {
  readonly method: string;
  readonly route: string;
  readonly status: number;
  readonly durationMs: number;
  /** The key's configured name, `(invalid)` for a key that matched none; absent without a key. */
  readonly keyName?: string | undefined;
}

/**
 * Writes the access line, message `request`. The composition root may give one that writes the same
 * line as the logger would, faster (main/pino-access-log.ts); without it, the logger writes it.
 */
export interface AccessLog {
  write(level: 'debug' | 'info', line: AccessLine): void;
  /** Hands on the lines it holds, if it holds any: the server calls it when it has closed. */
  flush?(): void;
}

interface AccessLogDeps {
  readonly logger: Logger;
  readonly accessLog?: AccessLog | undefined;
  readonly metrics: RequestObserver;
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
  deps: AccessLogDeps,
): void {
  const method = METHODS.has(req.method ?? '') ? req.method! : 'OTHER';
  deps.metrics.httpRequest(label, method, status, seconds);
  const line: AccessLine = {
    method,
    route: label,
    status,
    durationMs: Math.round(seconds * 10_000) / 10,
    keyName: caller.kind === 'key' ? caller.name : caller.kind === 'invalid' ? '(invalid)' : undefined,
  };
  const level = PROBES.has(label) ? 'debug' : 'info';
  if (deps.accessLog) deps.accessLog.write(level, line);
  else deps.logger[level](line, 'request');
}

/** Records the request when its response is done, or with 499 when the client went away first. */
export function observeRequest(
  req: IncomingMessage,
  res: ServerResponse,
  caller: Caller,
  route: () => string,
  deps: AccessLogDeps,
): void {
  const started = performance.now();
  res.once('close', () => {
    const status = res.writableFinished ? res.statusCode : 499;
    recordRequest(req, caller, route(), status, (performance.now() - started) / 1000, deps);
  });
}
