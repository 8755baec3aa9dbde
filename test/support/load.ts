import autocannon from 'autocannon';

export interface LoadOptions {
  /** Origin, e.g. http://127.0.0.1:PORT. */
  readonly url: string;
  /** Called PATH_POOL times before the load starts: a path with its query each. */
  readonly path: () => string;
  readonly connections: number;
  readonly seconds: number;
  /** Sent with every request, e.g. Accept-Encoding. */
  readonly headers?: Record<string, string> | undefined;
}

export interface LoadFigures {
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly requests: number;
  /** Answers by status code. */
  readonly statuses: Record<string, number>;
  /** Connection errors and timeouts. */
  readonly errors: number;
  readonly bytesPerRequest: number;
}

/**
 * Distinct requests each connection cycles through. Built once, before the load: a request built per
 * send (autocannon's setupRequest) costs the client more than a cached answer costs the server, and
 * on two cores the client would then be what is measured.
 */
const PATH_POOL = 2048;

/** Keep-alive load from this process with autocannon, for a fixed duration. */
export async function load(o: LoadOptions): Promise<LoadFigures> {
  const requests = Array.from({ length: PATH_POOL }, () => ({ method: 'GET' as const, path: o.path() }));
  const r = await autocannon({
    url: o.url,
    ...(o.headers ? { headers: o.headers } : {}),
    connections: o.connections,
    duration: o.seconds,
    // Ranges on FerretDB can queue for seconds; a timeout would hide them as errors.
    timeout: 60,
    // Random dates, so caches see a realistic spread; each connection goes through the pool in turn.
    requests,
  });
  const statuses: Record<string, number> = {};
  for (const [code, s] of Object.entries(r.statusCodeStats ?? {})) statuses[code] = s.count ?? 0;
  const answered = Object.values(statuses).reduce((a, b) => a + b, 0);
  return {
    requestsPerSecond: answered / r.duration,
    p50Ms: r.latency.p50,
    p99Ms: r.latency.p99,
    requests: answered,
    statuses,
    errors: r.errors + r.timeouts,
    bytesPerRequest: answered > 0 ? r.throughput.total / answered : 0,
  };
}
