import type { Registry } from 'prom-client';

type Labels = { readonly route: string; readonly method: string; readonly status: string };

interface Series {
  readonly labels: Labels;
  readonly status: number;
  count: number;
  sum: number;
  /** Observations per bucket, not yet cumulative: index i counts values ≤ bounds[i] and > bounds[i-1]. */
  readonly buckets: number[];
}

/** One sample as prom-client's registry renders and the cluster aggregator sums it. */
interface Sample {
  readonly labels: Record<string, string | number>;
  readonly value: number;
  readonly metricName?: string;
}

/**
 * The HTTP request counter and latency histogram, kept in plain numbers per (route, method, status) and
 * turned into prom-client's samples only when scraped. prom-client validates and hashes the labels on
 * every observation, even through a labelled child: that cost more than the rest of a cached answer's
 * bookkeeping, on the service's hottest path. What a scrape shows is what prom-client's Counter and
 * Histogram would show (same names, labels, buckets, `_sum`, `_count`, `+Inf`), and the cluster's
 * aggregator sums it across workers as it sums theirs. Bounded: routes are labels, not paths.
 */
export class RequestMetrics {
  /** In the order first seen, as prom-client shows them. */
  private readonly series: Series[] = [];
  /**
   * The same series by route: a route label is one of a few constant strings whose hash is kept, so a
   * request finds its series without building a key string.
   */
  private readonly byRoute = new Map<string, Series[]>();

  constructor(
    registry: Registry,
    private readonly names: { readonly total: string; readonly duration: string },
    private readonly bounds: readonly number[],
  ) {
    registry.registerMetric(
      this.metric(
        names.total,
        'counter',
        'HTTP requests answered, by route (procedure or fixed label), method and status',
        () => this.counterSamples(),
      ) as never,
    );
    registry.registerMetric(
      this.metric(names.duration, 'histogram', 'Time from request to the end of the response', () =>
        this.histogramSamples(),
      ) as never,
    );
  }

  observe(route: string, method: string, status: number, seconds: number): void {
    let ofRoute = this.byRoute.get(route);
    if (!ofRoute) this.byRoute.set(route, (ofRoute = []));
    let s: Series | undefined;
    for (const c of ofRoute) {
      if (c.status === status && c.labels.method === method) {
        s = c;
        break;
      }
    }
    if (!s) {
      const labels = { route, method, status: String(status) };
      s = { labels, status, count: 0, sum: 0, buckets: this.bounds.map(() => 0) };
      ofRoute.push(s);
      this.series.push(s);
    }
    s.count++;
    s.sum += seconds;
    for (let i = 0; i < this.bounds.length; i++) {
      if (seconds <= this.bounds[i]!) {
        s.buckets[i]!++;
        break;
      }
    }
  }

  private counterSamples(): Sample[] {
    return this.series.map((s) => ({ labels: { ...s.labels }, value: s.count }));
  }

  private histogramSamples(): Sample[] {
    const bucket = `${this.names.duration}_bucket`;
    const out: Sample[] = [];
    for (const s of this.series) {
      let acc = 0;
      this.bounds.forEach((le, i) => {
        acc += s.buckets[i]!;
        out.push({ labels: { le, ...s.labels }, value: acc, metricName: bucket });
      });
      out.push({ labels: { le: '+Inf', ...s.labels }, value: s.count, metricName: bucket });
      out.push({ labels: { ...s.labels }, value: s.sum, metricName: `${this.names.duration}_sum` });
      out.push({ labels: { ...s.labels }, value: s.count, metricName: `${this.names.duration}_count` });
    }
    return out;
  }

  /** What prom-client's registry asks of a metric: a name, its samples, and a reset. */
  private metric(name: string, type: 'counter' | 'histogram', help: string, samples: () => Sample[]) {
    return {
      name,
      help,
      type,
      aggregator: 'sum',
      get: () => Promise.resolve({ name, help, type, aggregator: 'sum', values: samples() }),
      reset: () => {
        this.series.length = 0;
        this.byRoute.clear();
      },
    };
  }
}
