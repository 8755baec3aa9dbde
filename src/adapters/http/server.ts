import type { Server } from 'node:http';
import Fastify, { type FastifyInstance, type FastifyPluginAsync } from 'fastify';
import type { Logger } from '../../domain/logger.js';
import type { AppRouter } from './app-router.js';
import type { KeyRing } from './auth/api-keys.js';
import type { UseCases } from './context.js';
import type { RequestObserver } from './edge/access-log.js';
import type { TrustProxy } from './edge/client-address.js';
import { installCompression } from './edge/compression.js';
import { installCors } from './edge/cors.js';
import { installEdgeCache } from './edge/edge-cache-hooks.js';
import { installErrorHandling } from './edge/error-handling.js';
import { installIdentification } from './edge/identification.js';
import { installRateLimit } from './edge/rate-limit-hook.js';
import type { ResponseCache } from './edge/response-cache.js';
import { docsRoutes } from './routes/docs-routes.js';
import { metricsRoute } from './routes/metrics-route.js';
import { openApiRoute } from './routes/openapi-route.js';
import { probeRoutes } from './routes/probe-routes.js';
import { restRoutes } from './routes/rest-routes.js';
import { trpcRoutes } from './routes/trpc-routes.js';

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
  /** Origins allowed to call the public read routes from a browser: `*` or a list (admin routes: the list only). */
  readonly corsOrigins: '*' | readonly string[];
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

/** A route module: a Fastify plugin given the edge's options. Adding routes is adding one to this list. */
export type RouteModule = FastifyPluginAsync<HttpOptions>;

/** The routes the service serves, in no particular order (Fastify's router matches static paths first). */
export const ROUTES: readonly RouteModule[] = [
  probeRoutes,
  metricsRoute,
  openApiRoute,
  docsRoutes,
  trpcRoutes,
  restRoutes,
];

/** Largest request body read: POST /ingest takes a few options, and nothing else takes a body. */
export const BODY_LIMIT_BYTES = 16 * 1024;

/**
 * The HTTP edge: Fastify, with the edge's parts installed in the order a request meets them
 * (identification, rate limit, edge cache, CORS, compression, errors), then every route module.
 */
export function createHttpServer(opts: HttpOptions, routes: readonly RouteModule[] = ROUTES): FastifyInstance {
  const app = Fastify({
    logger: false, // the edge's own access log (edge/access-log.ts) logs each request once, with pino
    bodyLimit: BODY_LIMIT_BYTES,
    // A request target like `/rates//2024-01-02` or one with `;` must not reach other routes by accident.
    routerOptions: { ignoreTrailingSlash: true, ignoreDuplicateSlashes: false, maxParamLength: 200 },
    return503OnClosing: false,
    forceCloseConnections: false,
  });
  installErrorHandling(app, opts);
  installIdentification(app, opts);
  installRateLimit(app, opts);
  installCors(app, opts);
  installEdgeCache(app, opts);
  installCompression(app);
  for (const route of routes) void app.register(route, opts);
  return app;
}

/** Starts `app` on `port`/`host`; resolves with Node's server (for draining and its address). */
export async function startHttpServer(app: FastifyInstance, port: number, host: string): Promise<Server> {
  await app.listen({ port, host });
  return app.server;
}
