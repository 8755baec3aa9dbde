import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import type { TRPCError } from '@trpc/server';
import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import { createOpenApiHttpHandler } from 'trpc-to-openapi';
import type { Logger } from '../../domain/logger.js';
import type { AppRouter } from './app-router.js';
import { ANONYMOUS, type KeyRing } from './auth/api-keys.js';
import { headerOf, presentedKey, type HeaderSource } from './auth/credentials.js';
import { createApiContext, type UseCases } from './context.js';
import { docsHandler } from './docs-page.js';
import { observeRequest, PROBES, type RequestObserver } from './edge/access-log.js';
import { clientAddressOf, type TrustProxy } from './edge/client-address.js';
import { healthz, readyz } from './edge/probes.js';
import { sendRateLimited } from './edge/rate-limited.js';
import { attachRequestState, requestStateOf, type RequestState } from './edge/request-state.js';
import type { ResponseCache } from './edge/response-cache.js';
import { isSafeTarget, refusedQueryKeys } from './edge/safe-target.js';
import { sendBadRequest } from './edge/send-json.js';
import { TokenBuckets } from './edge/token-buckets.js';
import { rangeExport, streamFormatOf } from './streaming/range-export.js';
import { sendExport } from './streaming/send-export.js';
import { responseMeta } from './response-meta.js';

export interface HttpOptions {
  readonly router: AppRouter;
  readonly useCases: UseCases;
  readonly now: () => Date;
  readonly openApiDocument: object;
  readonly logger: Logger;
  readonly keys: KeyRing;
  readonly authRequired: boolean;
  /** Per caller; 0 = no limit. */
  readonly rateLimitPerMinute: number;
  /** Proxies whose X-Forwarded-For names the client (for per-address limits); none when absent. */
  readonly trustProxy?: TrustProxy | undefined;
  /** Resolves when the database answers (readiness). */
  readonly ping: () => Promise<void>;
  readonly metrics: RequestObserver;
  /** The /metrics text (cluster-wide with several workers). */
  readonly scrape: () => Promise<{ contentType: string; text: string }>;
  /** Sent as `x-worker` when several workers share the port. */
  readonly workerId?: string | undefined;
  /** Serialised answers of immutable days, replayed at the edge; none when off. */
  readonly responseCache?: ResponseCache | undefined;
}

/** Read routes whose answers may be immutable; anything else always goes to the procedures. */
const CACHEABLE = /^\/(rates|convert|trpc\/rates\.)/;

/**
 * One listener for everything: probes and metrics; then, after the caller is identified and rate
 * limited, tRPC under /trpc, the OpenAPI document, the docs, and REST routes generated from the same
 * procedures. Unknown paths get the REST adapter's JSON 404.
 */
export function createRequestListener(opts: HttpOptions): RequestListener {
  const onError = ({ error, path }: { error: TRPCError; path?: string | undefined }) => {
    // Expected errors are the client's business; only failures of ours are logged, with their cause.
    if (error.code === 'INTERNAL_SERVER_ERROR' || error.code === 'SERVICE_UNAVAILABLE') {
      opts.logger.error({ path, code: error.code, cause: describe(error.cause) }, 'request failed');
    }
  };
  // Depending on the adapter, `req` is Node's IncomingMessage or a Fetch API Request; `res` is Node's.
  const createContext = ({ req, res }: { req: { headers: HeaderSource }; res?: unknown }) =>
    createApiContext(
      opts.useCases,
      { now: opts.now, authRequired: opts.authRequired },
      {
        ifNoneMatch: headerOf(req.headers, 'if-none-match'),
        state: requestStateOf(res) ?? { caller: opts.keys.identify(presentedKey(req.headers)), paths: undefined },
      },
    );
  const trpc = createHTTPHandler({ router: opts.router, createContext, onError, responseMeta, basePath: '/trpc/' });
  const rest = createOpenApiHttpHandler({ router: opts.router, createContext, onError, responseMeta });
  const openApiJson = JSON.stringify(opts.openApiDocument);
  const docs = docsHandler();
  const ready = readyz(opts.ping);
  const limiter = opts.rateLimitPerMinute > 0 ? new TokenBuckets(opts.rateLimitPerMinute) : undefined;
  const clientAddress = clientAddressOf(opts.trustProxy);
  const procedures = new Set(Object.keys(opts.router._def.procedures));
  const routeOf = (state: RequestState, fixed: string | undefined) => () => {
    if (fixed) return fixed;
    const paths = state.paths ?? [];
    if (paths.length > 1) return 'batch';
    return paths[0] !== undefined && procedures.has(paths[0]) ? paths[0] : 'unknown';
  };

  return (req: IncomingMessage, res: ServerResponse) => {
    if (!isSafeTarget(req.url)) return sendBadRequest(res, 'malformed request target');
    const path = (req.url ?? '/').split('?', 1)[0]!;
    if (opts.workerId !== undefined) res.setHeader('x-worker', opts.workerId);
    let fixed = fixedLabel(path);
    const state: RequestState = {
      // Probes and metrics need no key: do not spend a digest on them.
      caller: PROBES.has(path.slice(1)) ? ANONYMOUS : opts.keys.identify(presentedKey(req.headers)),
      paths: undefined,
    };
    attachRequestState(res, state);
    let limited = false;
    observeRequest(req, res, state.caller, () => (limited ? 'rate_limited' : routeOf(state, fixed)()), {
      logger: opts.logger,
      metrics: opts.metrics,
    });
    if (path === '/healthz') return healthz(req, res);
    if (path === '/readyz') return void ready(req, res);
    if (path === '/metrics') return void sendMetrics(opts, res);
    if (limiter) {
      // A key's own bucket; without a (valid) key, the client address's.
      const id = state.caller.kind === 'key' ? `key:${state.caller.name}` : `ip:${clientAddress(req)}`;
      const admission = limiter.take(id);
      if (!admission.ok) {
        limited = true;
        return sendRateLimited(res, admission.retryAfterSeconds, path.startsWith('/trpc/'));
      }
    }
    if (path === '/rates' && req.method === 'GET') {
      // NDJSON and CSV are streamed here, outside the procedures (which answer JSON only).
      const query = new URLSearchParams(queryOf(req.url));
      const format = streamFormatOf(query, req.headers.accept);
      if (format) {
        fixed = 'rates.export';
        const facts = { ...opts, caller: state.caller, exportRange: opts.useCases.exportRange };
        const answer = rangeExport(query, format, facts);
        return void guard(
          answer.then((a) => sendExport(res, a)),
          res,
          opts.logger,
        );
      }
    }
    const cache = opts.responseCache;
    // Only callers the procedure would serve: no invalid key, and a key when keys are required.
    const mayUseCache =
      cache &&
      CACHEABLE.test(path) &&
      state.caller.kind !== 'invalid' &&
      (!opts.authRequired || state.caller.kind === 'key');
    if (mayUseCache && (req.method === 'GET' || req.method === 'HEAD')) {
      const key = req.url ?? path;
      if (cache.serve(key, req, res, state)) return;
      if (req.method === 'GET') cache.capture(key, res, state);
    }
    if (path.startsWith('/trpc/')) return void guard(trpc(req, res), res, opts.logger);
    if (path === '/openapi.json' && (req.method === 'GET' || req.method === 'HEAD')) {
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-cache' });
      return res.end(req.method === 'HEAD' ? undefined : openApiJson);
    }
    if (path.startsWith('/docs') && docs(req, res, path)) return;
    const refused = refusedQueryKeys(req.url);
    if (refused.length > 0) {
      return sendBadRequest(res, `unknown query parameter(s): ${refused.join(', ')}`);
    }
    void guard(rest(req, res), res, opts.logger);
  };
}

/**
 * Whatever an adapter throws or rejects with ends as an answer, never as an unhandled rejection
 * (which would end the process): 400 if nothing was sent yet, else the connection is closed.
 */
async function guard(handled: Promise<void> | void, res: ServerResponse, logger: Logger): Promise<void> {
  try {
    await handled;
  } catch (e) {
    logger.warn({ cause: describe(e) }, 'request could not be handled');
    if (!res.headersSent) sendBadRequest(res, 'malformed request');
    else res.destroy();
  }
}

const queryOf = (url: string | undefined): string => {
  const at = url?.indexOf('?') ?? -1;
  return at < 0 ? '' : url!.slice(at + 1);
};

function fixedLabel(path: string): string | undefined {
  if (PROBES.has(path.slice(1))) return path.slice(1);
  if (path === '/openapi.json') return 'openapi';
  if (path.startsWith('/docs')) return 'docs';
  return undefined;
}

async function sendMetrics(opts: HttpOptions, res: ServerResponse): Promise<void> {
  try {
    const { contentType, text } = await opts.scrape();
    res.writeHead(200, { 'content-type': contentType, 'cache-control': 'no-store' });
    res.end(text);
  } catch (e) {
    opts.logger.error({ cause: describe(e) }, 'metrics scrape failed');
    res.writeHead(500, { 'content-type': 'text/plain' }).end('metrics unavailable\n');
  }
}

export function startHttpServer(listener: RequestListener, port: number, host: string): Promise<Server> {
  const server = createServer(listener);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server);
    });
  });
}

/** Name and message of an error, never its stack: logs must not fill with frames or leak paths. */
function describe(e: unknown): { name: string; message: string } | undefined {
  return e instanceof Error ? { name: e.name, message: e.message } : undefined;
}
