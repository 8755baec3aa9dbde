import cluster from 'node:cluster';
import { randomUUID } from 'node:crypto';
import { AggregatorRegistry, type Registry } from 'prom-client';

const ASK = 'fxrates:cluster-metrics?';
const ANSWER = 'fxrates:cluster-metrics';
const TIMEOUT_MS = 5_000;

interface Answer {
  readonly type: typeof ANSWER;
  readonly id: string;
  readonly text?: string;
  readonly error?: string;
}

/**
 * In the primary of a cluster: answers a worker's scrape with the sum of every worker's registry,
 * so /metrics shows the whole service whichever worker the scrape lands on.
 */
export function serveClusterMetrics(): void {
  const aggregator = new AggregatorRegistry();
  cluster.on('message', (worker, message: { type?: string; id?: string }) => {
    if (message?.type !== ASK || typeof message.id !== 'string') return;
    const id = message.id;
    aggregator.clusterMetrics().then(
      (text) => worker.send({ type: ANSWER, id, text } satisfies Answer),
      (e: Error) => worker.send({ type: ANSWER, id, error: e.message } satisfies Answer),
    );
  });
}

/**
 * In a worker: offers `registry` to the primary's aggregation and returns a scrape function that asks
 * the primary for the cluster-wide text.
 */
export function clusterScrape(registry: Registry): () => Promise<{ contentType: string; text: string }> {
  AggregatorRegistry.setRegistries([registry]);
  // Constructing one is what installs prom-client's listener that answers the primary's requests.
  new AggregatorRegistry();
  return () =>
    new Promise((resolve, reject) => {
      const id = randomUUID();
      const onMessage = (m: Answer) => {
        if (m?.type !== ANSWER || m.id !== id) return;
        done();
        if (m.text !== undefined) resolve({ contentType: registry.contentType, text: m.text });
        else reject(new Error(m.error ?? 'no metrics from the primary'));
      };
      const timer = setTimeout(() => (done(), reject(new Error('the primary did not answer'))), TIMEOUT_MS);
      const done = () => (clearTimeout(timer), process.off('message', onMessage));
      process.on('message', onMessage);
      process.send?.({ type: ASK, id });
    });
}
