import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { seededRandom } from './seeded-random.js';

/** What a sandbox sends back. */
export interface SandboxAnswer {
  readonly status: number;
  readonly text: string;
  readonly contentType: string;
  readonly headers?: Readonly<Record<string, string>>;
}

/** How a sandbox handles one request: the answer (null: never answer, a hang), how it is logged, after how long. */
export interface Exchange {
  readonly answer: SandboxAnswer | null;
  readonly outcome: string;
  readonly delayMs: number;
}

/** One request as received. */
export interface SandboxRequestRecord {
  readonly method: string;
  readonly path: string;
  readonly at: Date;
  outcome: string;
  status: number | null;
}

/** The controls every sandbox offers, whatever it speaks. */
export interface SandboxControls<S> {
  readonly port: number;
  /** Requests received since start or `reset()` (the log keeps the latest 10,000). */
  readonly requests: { readonly count: number; readonly log: readonly SandboxRequestRecord[] };
  readonly settings: S;
  /** Changes settings from now on. */
  set(changes: Partial<S>): void;
  /** Back to the settings given at start, with the request log and the fault generator reset. */
  reset(): void;
  /** Stops listening and ends every open connection, hanging ones included. */
  close(): Promise<void>;
}

export interface SandboxServerOptions<S> {
  readonly port: number;
  readonly host: string;
  readonly initial: S;
  /** What the log shows of a request (e.g. without the key). */
  readonly recordPath: (url: URL) => string;
  /** Answers one request; draws from `random` in arrival order, so a seed replays the same faults. */
  readonly respond: (req: IncomingMessage, url: URL, settings: S, random: () => number) => Exchange;
  /** Extra state to clear on `reset()` (e.g. quota counters). */
  readonly onReset?: () => void;
}

const LOG_LIMIT = 10_000;

/**
 * The HTTP side shared by the sandboxes: a request log, a seeded fault generator, delayed answers,
 * hangs that `close()` ends, and settings changeable at run time. Each sandbox only says how to answer.
 */
export async function startSandboxServer<S extends { readonly seed: number; readonly now: () => Date }>(
  o: SandboxServerOptions<S>,
): Promise<SandboxControls<S>> {
  let settings = o.initial;
  let random = seededRandom(settings.seed);
  let count = 0;
  let log: SandboxRequestRecord[] = [];
  const timers = new Set<NodeJS.Timeout>();

  function send(res: ServerResponse, record: SandboxRequestRecord, a: SandboxAnswer): void {
    record.status = a.status;
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
    const record: SandboxRequestRecord = {
      method: req.method ?? 'GET',
      path: o.recordPath(url),
      at: s.now(),
      outcome: 'pending',
      status: null,
    };
    count++;
    log.push(record);
    if (log.length > LOG_LIMIT) log = log.slice(-LOG_LIMIT);
    req.resume();
    const { answer, outcome, delayMs } = o.respond(req, url, s, random);
    record.outcome = outcome;
    if (answer === null) return;
    if (delayMs <= 0) return send(res, record, answer);
    const timer = setTimeout(() => {
      timers.delete(timer);
      send(res, record, answer);
    }, delayMs);
    timers.add(timer);
  }

  const server = createServer(handle);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, o.host, () => {
      server.off('error', reject);
      resolve();
    });
  });

  return {
    port: (server.address() as AddressInfo).port,
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
      settings = o.initial;
      random = seededRandom(settings.seed);
      count = 0;
      log = [];
      o.onReset?.();
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
