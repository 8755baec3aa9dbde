import type { TRPCError } from '@trpc/server';
import { presentedKey, headerOf, type HeaderSource } from '../auth/credentials.js';
import { createApiContext } from '../context.js';
import type { RequestState } from '../edge/request-state.js';
import type { HttpOptions } from '../http-options.js';

/** What the route modules hand the adapters as `req`: the headers, and the edge's state of this request. */
export interface EdgeRequest {
  readonly headers: HeaderSource;
  readonly edgeState?: RequestState | undefined;
}

/**
 * The context factory both faces (tRPC and REST) use: the caller the edge identified, and the
 * conditional headers (If-None-Match, If-Modified-Since), which the procedures' meta hands to the route
 * that tags the finished answer and decides its 304.
 */
export function contextFactory(opts: HttpOptions) {
  return ({ req }: { req: EdgeRequest }) =>
    createApiContext(
      opts.useCases,
      { now: opts.now, authRequired: opts.authRequired },
      {
        ifNoneMatch: headerOf(req.headers, 'if-none-match'),
        ifModifiedSince: headerOf(req.headers, 'if-modified-since'),
        state: req.edgeState ?? { caller: opts.keys.identify(presentedKey(req.headers)), paths: undefined, cost: 1 },
      },
    );
}

/** Expected errors are the client's business; only failures of ours are logged, with their cause, never a stack. */
export function errorLogger(opts: HttpOptions) {
  return ({ error, path }: { error: TRPCError; path?: string | undefined }) => {
    if (error.code === 'INTERNAL_SERVER_ERROR' || error.code === 'SERVICE_UNAVAILABLE') {
      const cause = error.cause instanceof Error ? { name: error.cause.name, message: error.cause.message } : undefined;
      opts.logger.error({ path, code: error.code, cause }, 'request failed');
    }
  };
}
