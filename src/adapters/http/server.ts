import { createServer, type Server, type ServerOptions } from 'node:http';
import Fastify, { type FastifyInstance, type FastifyServerFactory } from 'fastify';
import type { HttpOptions, RouteModule } from './http-options.js';
import { installCompression } from './edge/compression.js';
import { installCors } from './edge/cors.js';
import { cacheFront, type CacheFront } from './edge/cache-front.js';
import { clientErrorHandler } from './edge/client-errors.js';
import { CacheKeys } from './edge/cache-key.js';
import { installEdgeCache } from './edge/edge-cache-hooks.js';
import { frameworkErrors, installErrorHandling } from './edge/error-handling.js';
import { installIdentification } from './edge/identification.js';
import { installRateLimit } from './edge/rate-limit-hook.js';
import { installRequestCost } from './edge/cost-hook.js';
import { installDeadline } from './edge/deadline.js';
import { installLoadShedding } from './edge/load-shedding.js';
import { missSurcharge } from './edge/miss-surcharge.js';
import { TokenBuckets } from './edge/token-buckets.js';
import { docsRoutes } from './routes/docs-routes.js';
import { homeRoutes } from './routes/home-routes.js';
import { metricsRoute } from './routes/metrics-route.js';
import { openApiRoute } from './routes/openapi-route.js';
import { probeRoutes } from './routes/probe-routes.js';
import { rangeExportRoute } from './routes/range-export-route.js';
import { restRoutes } from './routes/rest-routes.js';
import { trpcRoutes } from './routes/trpc-routes.js';

export type { HttpOptions, RouteModule };

/** The routes the service serves, in no particular order (Fastify's router matches static paths first). */
export const ROUTES: readonly RouteModule[] = [
  probeRoutes,
  metricsRoute,
  openApiRoute,
  docsRoutes,
  homeRoutes,
  trpcRoutes,
  restRoutes,
  rangeExportRoute,
];

/** Largest request body read: POST /ingest takes a few options, and nothing else takes a body. */
export const BODY_LIMIT_BYTES = 16 * 1024;

/**
 * The HTTP edge: Fastify, with the edge's parts installed in the order a request meets them
 * (identification, CORS, cost, rate limit, unknown paths and methods, edge cache, load shedding,
 * deadline, compression), then every route module. In front of Fastify, the edge cache's front answers
 * the hits it can answer exactly as those hooks would (edge/cache-front.ts), with the same keys and
 * token buckets.
 */
export function createHttpServer(opts: HttpOptions, routes: readonly RouteModule[] = ROUTES): FastifyInstance {
  const keys = new CacheKeys(opts.router);
  const limiter = opts.rateLimitPerMinute > 0 ? new TokenBuckets(opts.rateLimitPerMinute) : undefined;
  const app = Fastify({
    logger: false, // the edge's own access log (edge/access-log.ts) logs each request once, with pino
    bodyLimit: BODY_LIMIT_BYTES,
    // A request target like `/rates//2024-01-02` or one with `;` must not reach other routes by accident.
    // maxParamLength: a full tRPC batch (MAX_BATCH_CALLS names, `%2C`-separated at worst) is one parameter.
    routerOptions: { ignoreTrailingSlash: true, ignoreDuplicateSlashes: false, maxParamLength: 600 },
    frameworkErrors,
    clientErrorHandler,
    return503OnClosing: false,
    forceCloseConnections: false,
    serverFactory: withFront(cacheFront(opts, keys, limiter)),
  });
  installIdentification(app, opts);
  // Before any refusal, so that a browser can read a 429's Retry-After or a 400 from another origin.
  installCors(app, opts);
  installRequestCost(app);
  installRateLimit(app, opts, limiter, missSurcharge(opts, keys));
  installErrorHandling(app, opts);
  installEdgeCache(app, opts, keys);
  installLoadShedding(app, opts);
  installDeadline(app, opts);
  installCompression(app);
  for (const route of routes) void app.register(route, opts);
  // The last requests' lines, batched by the access log, reach the output when the server closes.
  app.server.once('close', () => opts.accessLog?.flush?.());
  return app;
}

/**
 * Node's HTTP server as Fastify makes it (its timeouts included), with the front asked first. Fastify's
 * documented way to own the server: the front must run before Fastify builds anything for a request.
 */
function withFront(front: CacheFront | undefined): FastifyServerFactory {
  return (handler, options) => {
    // Fastify's options, with its defaults filled in before it calls the factory.
    const o = options as {
      http?: ServerOptions;
      keepAliveTimeout: number;
      requestTimeout: number;
      connectionTimeout: number;
    };
    const server = createServer(
      o.http ?? {},
      front ? (req, res) => void (front(req, res) || handler(req, res)) : handler,
    );
    server.keepAliveTimeout = o.keepAliveTimeout;
    server.requestTimeout = o.requestTimeout;
    server.setTimeout(o.connectionTimeout);
    return server;
  };
}

/** Starts `app` on `port`/`host`; resolves with Node's server (for draining and its address). */
export async function startHttpServer(app: FastifyInstance, port: number, host: string): Promise<Server> {
  await app.listen({ port, host });
  return app.server;
}
