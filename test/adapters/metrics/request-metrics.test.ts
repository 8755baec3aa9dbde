import * as assert from 'uvu/assert';
import { AggregatorRegistry, Counter, Histogram, Registry } from 'prom-client';
import { RequestMetrics } from '../../../src/adapters/metrics/request-metrics.js';
import { suite } from '../../support/suite.js';

const test = suite('request metrics: what prom-client would show, kept in plain numbers');

const NAMES = { total: 'fxrates_http_requests_total', duration: 'fxrates_http_request_duration_seconds' };
const BOUNDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const OBSERVED: [string, string, number, number][] = [
  ['rates.byDate', 'GET', 200, 0.0004],
  ['rates.byDate', 'GET', 200, 0.012],
  ['rates.byDate', 'HEAD', 200, 0.005],
  ['rates.byDate', 'GET', 404, 0.3],
  ['healthz', 'GET', 200, 12],
  ['batch', 'GET', 429, 0.01],
];

/** The same observations through prom-client's own Counter and Histogram. */
function reference(): Registry {
  const registry = new Registry();
  const labelNames = ['route', 'method', 'status'];
  const total = new Counter({
    name: NAMES.total,
    help: 'HTTP requests answered, by route (procedure or fixed label), method and status',
    labelNames,
    registers: [registry],
  });
  const duration = new Histogram({
    name: NAMES.duration,
    help: 'Time from request to the end of the response',
    labelNames,
    buckets: BOUNDS,
    registers: [registry],
  });
  for (const [route, method, status, seconds] of OBSERVED) {
    const labels = { route, method, status: String(status) };
    total.inc(labels);
    duration.observe(labels, seconds);
  }
  return registry;
}

function ours(): Registry {
  const registry = new Registry();
  const metrics = new RequestMetrics(registry, NAMES, BOUNDS);
  for (const [route, method, status, seconds] of OBSERVED) metrics.observe(route, method, status, seconds);
  return registry;
}

test('the scrape text is the same line for line', async () => {
  const sorted = (text: string) => text.trim().split('\n').sort();
  assert.equal(sorted(await ours().metrics()), sorted(await reference().metrics()));
});

test('workers are summed as the cluster aggregator sums prom-client metrics', async () => {
  const sum = async (make: () => Registry) => {
    const json = await Promise.all([make().getMetricsAsJSON(), make().getMetricsAsJSON()]);
    return (await AggregatorRegistry.aggregate(json as never).metrics()).trim().split('\n').sort();
  };
  assert.equal(await sum(ours), await sum(reference));
});

test.run();
