import type { FastifyInstance } from 'fastify';
import type { DependencyContainer } from 'tsyringe';
import type { IngestAdmin } from '../adapters/http/admin.js';
import { appRouter } from '../adapters/http/app-router.js';
import { KeyRing } from '../app/api-keys.js';
import { buildOpenApiDocument } from '../adapters/http/openapi.js';
import { createHttpServer } from '../adapters/http/server.js';
import { nextTickOf } from '../adapters/cron/next-tick.js';
import { Metrics } from '../adapters/metrics/metrics.js';
import { ResponseCache } from '../adapters/http/edge/response-cache.js';
import type { RatesChangeFeed } from '../app/rates-change-feed.js';
import type { RateRepository } from '../domain/rate-repository.js';
import type { MongoConnection } from '../adapters/mongo/connect.js';
import type { IngestionRunLog } from '../domain/ingestion-run.js';
import type { Logger } from '../domain/logger.js';
import type { BudgetStatus, RequestBudget } from '../domain/request-budget.js';
import { err } from '../domain/result.js';
import type { Config } from './config.js';
import { Convert } from '../app/convert.js';
import { ExportRange } from '../app/export-range.js';
import { GetLatest } from '../app/get-latest.js';
import { GetGroupedRange } from '../app/get-grouped-range.js';
import { GetRange } from '../app/get-range.js';
import { GetRates } from '../app/get-rates.js';
import { GetRevisions } from '../app/get-revisions.js';
import { GetStatus } from '../app/get-status.js';
import { ListCurrencies } from '../app/list-currencies.js';
import { ListProviders } from '../app/list-providers.js';
import { NoProviderError } from '../app/no-provider-error.js';
import { RunIngestion } from '../app/run-ingestion.js';
import { TOKENS, type Clock } from '../app/tokens.js';
import { VERSION } from '../app/version.js';
import { accessLogOf } from './pino-access-log.js';

export interface HttpAppOptions {
  /** How /metrics reads the process's metrics; default its own registry (main.ts passes the cluster-wide one). */
  readonly scrape?: (metrics: Metrics) => () => Promise<{ contentType: string; text: string }>;
  /** Sent as `x-worker` when several workers share the port. */
  readonly workerId?: string;
}

/** Providers whose requests are counted against a monthly budget. */
const METERED = ['fixer'];

/** The HTTP server (not yet listening) with every use case resolved from `c`. */
export function httpApp(c: DependencyContainer, options: HttpAppOptions = {}): FastifyInstance {
  const config = c.resolve<Config>(TOKENS.Config);
  const now = c.resolve<Clock>(TOKENS.Clock);
  const quota = async (at: Date): Promise<BudgetStatus[]> => {
    if (!c.isRegistered(TOKENS.RequestBudget, true)) return [];
    const budget = c.resolve<RequestBudget>(TOKENS.RequestBudget);
    return Promise.all(METERED.map((p) => budget.status(p, at)));
  };
  // Registered by the composition root (and the test container): ingestion reports to the same one.
  const metrics = c.resolve(Metrics);
  let runner: RunIngestion | undefined;
  const ingestAdmin: IngestAdmin = {
    defaultDays: config.INGEST_DAYS,
    run: async (request, dryRun) => {
      if (!c.isRegistered(TOKENS.RateProvider, true)) return err(new NoProviderError());
      runner ??= c.resolve(RunIngestion);
      return runner.execute(request, { trigger: 'api', dryRun });
    },
    runs: (limit) => c.resolve<IngestionRunLog>(TOKENS.IngestionRunLog).recent(limit),
    quota,
  };
  return createHttpServer({
    router: appRouter,
    useCases: {
      getRates: c.resolve(GetRates),
      getRevisions: c.resolve(GetRevisions),
      getLatest: c.resolve(GetLatest),
      getRange: c.resolve(GetRange),
      exportRange: c.resolve(ExportRange),
      getGroupedRange: c.resolve(GetGroupedRange),
      convert: c.resolve(Convert),
      listCurrencies: c.resolve(ListCurrencies),
      getStatus: new GetStatus(
        c.resolve<RateRepository>(TOKENS.RateRepository),
        c.resolve<IngestionRunLog>(TOKENS.IngestionRunLog),
        now,
        {
          providers: config.PROVIDERS,
          ingestEnabled: config.INGEST_ENABLED && c.isRegistered(TOKENS.RateProvider, true),
          nextTick: nextTickOf(config.INGEST_CRON),
        },
      ),
      listProviders: new ListProviders({
        repo: c.resolve(TOKENS.RateRepository),
        catalog: c.resolve(TOKENS.CurrencyCatalog),
        feed: c.resolve(TOKENS.RatesChangeFeed),
        now,
        // Fixer runs only with its key (buildProvider leaves it out otherwise); the ECB needs none.
        configured: (name) =>
          config.PROVIDERS.includes(name) && (name !== 'fixer' || config.FIXER_API_KEY !== undefined),
        breakerState: (name) => metrics.breakerStateOf(name),
      }),
      ingestAdmin,
    },
    now,
    openApiDocument: buildOpenApiDocument(appRouter, VERSION, { authRequired: config.AUTH_REQUIRED }),
    logger: c.resolve<Logger>(TOKENS.Logger),
    accessLog: accessLogOf(c.resolve<Logger>(TOKENS.Logger)),
    keys: new KeyRing(config.API_KEYS),
    authRequired: config.AUTH_REQUIRED,
    rateLimitPerMinute: config.RATE_LIMIT_PER_MINUTE,
    overload: { eventLoopDelayMs: config.OVERLOAD_EVENT_LOOP_DELAY_MS, maxRssMb: config.OVERLOAD_MAX_RSS_MB },
    deadlineMs: config.REQUEST_DEADLINE_MS,
    metricsAllow: config.METRICS_ALLOW,
    trustProxy: config.TRUST_PROXY,
    corsOrigins: config.CORS_ORIGINS,
    ping: pingOf(c),
    metrics,
    scrape: options.scrape?.(metrics) ?? (() => metrics.scrape()),
    workerId: options.workerId,
    responseCache: responseCacheOf(c, config, metrics),
  });
}

/** Readiness: a ping of the database when there is one (the composition root registers it). */
function pingOf(c: DependencyContainer): () => Promise<void> {
  if (!c.isRegistered(TOKENS.Mongo, true)) return async () => {};
  return async () => void (await c.resolve<MongoConnection>(TOKENS.Mongo).db.command({ ping: 1 }));
}

/** The edge cache of every cacheable answer; entries drop when the data they depend on changes, in any process. */
function responseCacheOf(c: DependencyContainer, config: Config, metrics: Metrics): ResponseCache | undefined {
  if (config.RESPONSE_CACHE_MAX_ENTRIES === 0 || config.RESPONSE_CACHE_MAX_BYTES === 0) return undefined;
  const cache = new ResponseCache({
    maxEntries: config.RESPONSE_CACHE_MAX_ENTRIES,
    maxBytes: config.RESPONSE_CACHE_MAX_BYTES,
    maxEntryBytes: Math.min(config.RESPONSE_CACHE_MAX_ENTRY_BYTES, config.RESPONSE_CACHE_MAX_BYTES),
  });
  c.resolve<RatesChangeFeed>(TOKENS.RatesChangeFeed).subscribe((dates, scope) => cache.invalidate(dates, scope));
  metrics.watchResponseCache(() => cache.stats());
  return cache;
}
