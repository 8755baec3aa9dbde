/**
 * A local stand-in for the ECB's euro reference rate files that serves SYNTHETIC rates (generated, not
 * market data) over real HTTP, for tests and offline demos: the daily, 90-day and full-history XML
 * files in the ECB's format, working days only (weekends and TARGET holidays absent), published from
 * 15:00 UTC, with faults injected on demand. It is only ever used when a base URL points at it.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { seededRandom } from '../fixer/faults.js';
import { answerFor, ECB_BASE_PATH, pickFault, type Answer } from './answers.js';
import { DEFAULT_ECB_SETTINGS, type EcbSandboxOptions, type EcbSandboxSettings } from './sandbox-options.js';

/** One request as received. */
export interface EcbSandboxRequest {
  readonly method: string;
  /** Path and query, e.g. `/stats/eurofxref/eurofxref-daily.xml`. */
  readonly path: string;
  readonly at: Date;
  /** `ok`, `not-found`, or the fault (`hang`, `fail`, `html`, `truncate`, `invalid-rate`). */
  outcome: string;
  status: number | null;
}

export interface EcbSandbox {
  /** The base URL for the provider: `http://127.0.0.1:PORT/stats/eurofxref`. */
  readonly url: string;
  readonly port: number;
  /** Requests received since start or `reset()` (the log keeps the latest 10,000). */
  readonly requests: { readonly count: number; readonly log: readonly EcbSandboxRequest[] };
  readonly settings: EcbSandboxSettings;
  /** Changes faults or now from now on. */
  set(changes: Partial<EcbSandboxSettings>): void;
  /** Back to the settings given at start, with the request log and the fault generator reset. */
  reset(): void;
  /** Stops listening and ends every open connection, hanging ones included. */
  close(): Promise<void>;
}

const LOG_LIMIT = 10_000;

export async function startEcbSandbox(options: EcbSandboxOptions = {}): Promise<EcbSandbox> {
  const { port = 0, host = '127.0.0.1', ...given } = options;
  const initial: EcbSandboxSettings = { ...DEFAULT_ECB_SETTINGS, ...given };
  let settings = initial;
  let random = seededRandom(settings.seed);
  let count = 0;
  let log: EcbSandboxRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();

  function send(res: ServerResponse, record: EcbSandboxRequest, a: Answer): void {
    record.status = a.status;
    if (res.destroyed) return;
    res.writeHead(a.status, { 'content-type': a.contentType, 'content-length': Buffer.byteLength(a.text) });
    res.end(a.text);
  }

  function handle(req: IncomingMessage, res: ServerResponse): void {
    const s = settings;
    const url = new URL(req.url ?? '/', 'http://sandbox');
    const record: EcbSandboxRequest = {
      method: req.method ?? 'GET',
      path: `${url.pathname}${url.search}`,
      at: s.now(),
      outcome: 'pending',
      status: null,
    };
    count++;
    log.push(record);
    if (log.length > LOG_LIMIT) log = log.slice(-LOG_LIMIT);
    // Draws happen in arrival order whatever the fault, so a seed replays the same pattern.
    const fault = pickFault(s, random());
    const failStatus = s.failStatuses[Math.floor(random() * s.failStatuses.length)] ?? 503;
    const delay = s.latencyMs + s.jitterMs * random();
    req.resume();
    const answer = answerFor(url, s, fault, failStatus);
    record.outcome = fault ?? (answer?.status === 404 ? 'not-found' : 'ok');
    if (answer === null) return;
    if (delay <= 0) return send(res, record, answer);
    const timer = setTimeout(() => {
      timers.delete(timer);
      send(res, record, answer);
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

  return {
    url: `http://${host}:${actualPort}${ECB_BASE_PATH}`,
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
