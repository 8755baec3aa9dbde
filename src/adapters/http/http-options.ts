import type { FastifyPluginAsync } from 'fastify';
import type { Logger } from '../../domain/logger.js';
import type { AppRouter } from './app-router.js';
import type { KeyRing } from '../../app/api-keys.js';
import type { UseCases } from './context.js';
import type { AccessLog, RequestObserver } from './edge/access-log.js';
import type { TrustProxy } from './edge/client-address.js';
import type { ResponseCache } from './edge/response-cache.js';

/** What the HTTP edge is built from. */
export interface HttpOptions {
  readonly router: AppRouter;
  readonly useCases: UseCases;
  readonly now: () => Date;
  readonly openApiDocument: object;
  readonly logger: Logger;
  /** Writes the one line per request (edge/access-log.ts); absent: `logger` does. */
  readonly accessLog?: AccessLog | undefined;
  readonly keys: KeyRing;
  readonly authRequired: boolean;
  /** Per caller; 0 = no limit. */
  readonly rateLimitPerMinute: number;
  /** Load shedding thresholds (0 = that check off); absent: no shedding. */
  readonly overload?: { readonly eventLoopDelayMs: number; readonly maxRssMb: number } | undefined;
  /** A request not answered in this many ms gets 503; 0 or absent: no deadline. */
  readonly deadlineMs?: number | undefined;
  /** Peers (socket addresses, subnets, named ranges) that may read /metrics; absent: anyone. */
  readonly metricsAllow?: readonly string[] | undefined;
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
