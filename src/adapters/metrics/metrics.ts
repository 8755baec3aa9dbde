import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';
import type { BreakerState, IngestionMetrics, ProviderCallOutcome } from '../../app/ingestion-metrics.js';
import type { IngestionReport, IngestionTrigger } from '../../domain/ingestion-run.js';
import { RequestMetrics } from './request-metrics.js';
import { registerScrapeGauges, type ScrapeSources } from './scrape-gauges.js';

/** What the edge cache reports (the HTTP adapter's ResponseCache.stats()). */
export interface EdgeCacheStats {
  readonly hits: number;
  readonly misses: number;
  readonly bytes: number;
  readonly entries: number;
}

const BREAKER_VALUE: Record<BreakerState, number> = { closed: 0, 'half-open': 1, open: 2 };

/**
 * Every metric of one process, in its own registry (never prom-client's global one, so tests and
 * several apps in one process do not collide). With WORKERS > 1 the primary sums the workers' registries.
 */
export class Metrics implements IngestionMetrics {
  readonly registry = new Registry();
  private readonly requests: RequestMetrics;
  private readonly runs: Counter<'provider' | 'trigger' | 'outcome'>;
  private readonly days: Counter<'provider' | 'result'>;
  private readonly calls: Counter<'provider' | 'outcome'>;
  private readonly retries: Counter<'provider'>;
  private readonly breaker: Gauge<'provider'>;
  private readonly breakers = new Map<string, BreakerState>();
  private edgeCache: (() => EdgeCacheStats) | undefined;

  constructor(sources: ScrapeSources = {}) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry, prefix: 'fxrates_' });
    this.requests = new RequestMetrics(
      this.registry,
      { total: 'fxrates_http_requests_total', duration: 'fxrates_http_request_duration_seconds' },
      [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    );
    this.runs = new Counter({
      name: 'fxrates_ingestion_runs_total',
      help: 'Ingestion runs by outcome: ok (every planned day landed), partial, failed (nothing landed), error',
      labelNames: ['provider', 'trigger', 'outcome'],
      registers,
    });
    this.days = new Counter({
      name: 'fxrates_ingestion_days_total',
      help: 'Days handled by ingestion runs, by result (fetched, inserted, updated, unchanged, failed, skipped)',
      labelNames: ['provider', 'result'],
      registers,
    });
    this.calls = new Counter({
      name: 'fxrates_provider_calls_total',
      help: 'Requests to providers by outcome (ok, transient, quota, permanent)',
      labelNames: ['provider', 'outcome'],
      registers,
    });
    this.retries = new Counter({
      name: 'fxrates_provider_retries_total',
      help: 'Retries of transient provider failures',
      labelNames: ['provider'],
      registers,
    });
    this.breaker = new Gauge({
      name: 'fxrates_provider_circuit_state',
      help: 'Circuit breaker per provider: 0 closed, 1 half-open, 2 open',
      labelNames: ['provider'],
      registers,
      aggregator: 'max',
    });
    registerScrapeGauges(this.registry, sources);
  }

  httpRequest(route: string, method: string, status: number, seconds: number): void {
    this.requests.observe(route, method, status, seconds);
  }

  ingestionFinished(report: IngestionReport, trigger: IngestionTrigger | 'unknown' = 'unknown'): void {
    if (report.dryRun) return;
    const landed = report.fetched.length;
    const outcome = report.failed.length === 0 ? 'ok' : landed > 0 ? 'partial' : 'failed';
    this.runs.inc({ provider: report.provider, trigger, outcome });
    const provider = report.provider;
    for (const [result, days] of Object.entries({
      fetched: report.fetched,
      inserted: report.inserted,
      updated: report.updated,
      unchanged: report.unchanged,
      failed: report.failed,
      skipped: report.skipped,
    }))
      if (days.length > 0) this.days.inc({ provider, result }, days.length);
  }

  ingestionFailed(trigger: IngestionTrigger | 'unknown' = 'unknown'): void {
    this.runs.inc({ provider: 'unknown', trigger, outcome: 'error' });
  }

  providerCall(provider: string, outcome: ProviderCallOutcome): void {
    this.calls.inc({ provider, outcome });
  }

  retry(provider: string): void {
    this.retries.inc({ provider });
  }

  breakerState(provider: string, state: BreakerState): void {
    this.breaker.set({ provider }, BREAKER_VALUE[state]);
    this.breakers.set(provider, state);
  }

  /** The last state a provider's breaker reported in this process; closed until it reports one. */
  breakerStateOf(provider: string): BreakerState {
    return this.breakers.get(provider) ?? 'closed';
  }

  /**
   * The edge cache's figures, read on scrape: hits and misses (counters), bytes and entries held
   * (gauges). Summed over workers: each keeps its own cache.
   */
  watchResponseCache(source: () => EdgeCacheStats): void {
    // One server per process in production; a second one (tests) takes the metrics over.
    const first = this.edgeCache === undefined;
    this.edgeCache = source;
    if (!first) return;
    const stats = () => this.edgeCache!();
    const registers = [this.registry];
    const sample = (pick: (s: EdgeCacheStats) => number) =>
      function (this: Counter | Gauge) {
        this.reset();
        (this as Gauge).inc(pick(stats()));
      };
    new Counter({
      name: 'fxrates_edge_cache_hits_total',
      help: 'Requests answered from the edge cache',
      registers,
      collect: sample((s) => s.hits),
    });
    new Counter({
      name: 'fxrates_edge_cache_misses_total',
      help: 'Cacheable requests the edge cache did not hold (answered by the procedures)',
      registers,
      collect: sample((s) => s.misses),
    });
    new Gauge({
      name: 'fxrates_edge_cache_bytes',
      help: 'Bytes held by the edge cache (bodies, compressed variants, a fixed overhead per entry)',
      registers,
      collect: sample((s) => s.bytes),
    });
    new Gauge({
      name: 'fxrates_edge_cache_entries',
      help: 'Answers held by the edge cache',
      registers,
      collect: sample((s) => s.entries),
    });
  }

  /** The exposition text and its content type. */
  async scrape(): Promise<{ contentType: string; text: string }> {
    return { contentType: this.registry.contentType, text: await this.registry.metrics() };
  }
}
