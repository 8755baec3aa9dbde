/**
 * A local stand-in for Fixer that serves SYNTHETIC rates (generated, not market data) over real HTTP,
 * for tests, benchmarks and offline demos. It speaks both surfaces (classic `/api` + `access_key`,
 * APILayer `/fixer` + `apikey` header), simulates plans and a monthly quota, and injects faults on demand.
 * It is only ever used when a base URL points at it.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { errorPage, MAINTENANCE_PAGE, pickTransportFault, seededRandom } from './faults.js';
import { QuotaCounter, routeRequest, type Answer } from './gateway.js';
import { DEFAULT_SETTINGS, type FixerSandboxOptions, type FixerSandboxSettings } from './sandbox-options.js';

/** One request as received; the key is removed from the path. */
export interface SandboxRequest {
  readonly method: string;
  /** Path and query, without `access_key`/`apikey`. */
  readonly path: string;
  readonly at: Date;
  /** How it was answered: `ok`, `error` (envelope or gateway), or the fault (`hang`, `fail`, `html`, `truncate`). */
  outcome: string;
  status: number | null;
}

export interface FixerSandbox {
  /** Classic style: `http://127.0.0.1:PORT/api` (key as `access_key`). */
  readonly url: string;
  /** APILayer style: `http://127.0.0.1:PORT/fixer` (key in the `apikey` header). */
  readonly apilayerUrl: string;
  readonly port: number;
  /** Requests received since start or `reset()` (the log keeps the latest 10,000). */
  readonly requests: { readonly count: number; readonly log: readonly SandboxRequest[] };
  readonly settings: FixerSandboxSettings;
  /** Changes faults, plan, quota or key from now on. */
  set(changes: Partial<FixerSandboxSettings>): void;
  /** Back to the settings given at start, with counters, quota usage and the fault generator reset. */
  reset(): void;
  /** Stops listening and ends every open connection, hanging ones included. */
  close(): Promise<void>;
}

const LOG_LIMIT = 10_000;

function publicPath(url: URL): string {
  const q = new URLSearchParams(url.searchParams);
  q.delete('access_key');
  q.delete('apikey');
  const query = q.toString();
  return query === '' ? url.pathname : `${url.pathname}?${query}`;
}

export async function startFixerSandbox(options: FixerSandboxOptions = {}): Promise<FixerSandbox> {
  const { port = 0, host = '127.0.0.1', ...given } = options;
  const initial: FixerSandboxSettings = { ...DEFAULT_SETTINGS, ...given };
  let settings = initial;
  let random = seededRandom(settings.seed);
  let count = 0;
  let log: SandboxRequest[] = [];
  const quota = new QuotaCounter();
  const timers = new Set<NodeJS.Timeout>();

  function send(res: ServerResponse, record: SandboxRequest, a: Answer, outcome: string): void {
    record.status = a.status;
    record.outcome = outcome;
    if (res.destroyed) return;
    res.writeHead(a.status, {
      'content-type': a.contentType,
      'content-length': Buffer.byteLength(a.text),
      ...a.headers,
    });
    res.end(a.text);
  }

  function handle(req: IncomingMessage, res: ServerResponse): void {
    const s = settings;
    const url = new URL(req.url ?? '/', 'http://sandbox');
    const record: SandboxRequest = {
      method: req.method ?? 'GET',
      path: publicPath(url),
      at: s.now(),
      outcome: 'pending',
      status: null,
    };
    count++;
    log.push(record);
    if (log.length > LOG_LIMIT) log = log.slice(-LOG_LIMIT);
    // Draws happen in arrival order whatever the fault, so a seed replays the same pattern.
    const fault = pickTransportFault(s, random());
    const failStatus = s.failStatuses[Math.floor(random() * s.failStatuses.length)] ?? 503;
    const corruption = { wrongDate: random() < s.wrongDateRate, zeroRate: random() < s.zeroRateRate };
    const delay = s.latencyMs + s.jitterMs * random();
    req.resume();
    if (fault === 'hang') {
      record.outcome = 'hang';
      return;
    }
    let answer: Answer;
    let outcome: string = fault ?? 'ok';
    if (fault === 'fail') {
      answer = { status: failStatus, text: errorPage(failStatus), contentType: 'text/html', headers: {} };
    } else if (fault === 'html') {
      answer = { status: 200, text: MAINTENANCE_PAGE, contentType: 'text/html; charset=UTF-8', headers: {} };
    } else {
      answer = routeRequest(req, url, s, quota, corruption);
      if (fault === 'truncate')
        answer = { ...answer, text: answer.text.slice(0, Math.max(1, Math.floor(answer.text.length / 2))) };
      else if (answer.status !== 200 || answer.text.startsWith('{"success":false')) outcome = 'error';
    }
    if (delay <= 0) return send(res, record, answer, outcome);
    const timer = setTimeout(() => {
      timers.delete(timer);
      send(res, record, answer, outcome);
    }, delay);
    timers.add(timer);
  }

  const server = createServer(handle);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const actualPort = (server.address() as AddressInfo).port;
  const origin = `http://${host}:${actualPort}`;

  return {
    url: `${origin}/api`,
    apilayerUrl: `${origin}/fixer`,
    port: actualPort,
    get requests() {
      return { count, log: [...log] };
    },
    get settings() {
      return settings;
    },
    set(changes) {
      settings = { ...settings, ...changes };
      if (changes.seed !== undefined) random = seededRandom(changes.seed);
    },
    reset() {
      settings = initial;
      random = seededRandom(settings.seed);
      count = 0;
      log = [];
      quota.clear();
    },
    close() {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
