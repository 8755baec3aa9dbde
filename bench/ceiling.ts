import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { spawnServer, type ServerProcess } from '../test/support/child-process.js';
import { load, type LoadFigures } from '../test/support/load.js';
import { wrkAvailable, wrkLoad } from './wrk-load.js';

/** A fixed pool of request targets, gone through in turn: the service and its ceiling get the same. */
export const POOL_SIZE = 4096;

/** `POOL_SIZE` targets drawn from `draw`. */
export const pool = (draw: () => string): readonly string[] => Array.from({ length: POOL_SIZE }, draw);

/** The targets one after the other, round and round: what a load generator draws its requests from. */
export function inTurn(paths: readonly string[]): () => string {
  let i = 0;
  return () => paths[i++ % paths.length]!;
}

/**
 * The bare node:http server (bench/bare-server.ts) answering each of `paths` with exactly what the
 * service answered to it (status, headers, body; gzipped when the route asks for gzip), so that the
 * ceiling sends the same bytes request for request, over as many distinct bodies as the service.
 */
export async function startCeiling(
  serviceUrl: string,
  paths: readonly string[],
  headers: Record<string, string> = {},
): Promise<{ server: ServerProcess; stop(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'fxrates-bench-'));
  const manifest: { path: string; status: number; file: string; headers: Record<string, string> }[] = [];
  for (const path of new Set(paths)) {
    // Node's fetch undoes the encoding (and keeps its header): the identity bytes, gzipped again when
    // the service sent them gzipped.
    const res = await fetch(`${serviceUrl}${path}`, { headers: { 'accept-encoding': 'identity', ...headers } });
    const gzip = res.headers.get('content-encoding') === 'gzip';
    const body = Buffer.from(await res.arrayBuffer());
    const file = `a${manifest.length}`;
    writeFileSync(join(dir, file), gzip ? gzipSync(body) : body);
    manifest.push({ path, status: res.status, file, headers: answerHeaders(res.headers, gzip) });
  }
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
  const server = await spawnServer({ entry: 'bench/bare-server.ts', args: [dir] });
  return {
    server,
    stop: async () => {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * The headers the service sent that describe the answer, for the bare server to send too: the client
 * parses every header byte (autocannon's parser is JavaScript), so the ceiling sends the same bytes,
 * headers included. The connection's own headers, Date and the body's length, the bare server (Node)
 * sets itself; the encoding is the service's.
 */
function answerHeaders(headers: Headers, gzip: boolean): Record<string, string> {
  const own = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding', 'content-length', 'content-encoding']);
  const out: Record<string, string> = {};
  headers.forEach((value, name) => {
    if (!own.has(name)) out[name] = value;
  });
  if (gzip) out['content-encoding'] = 'gzip';
  return out;
}

const WARM_UP_SECONDS = 2;

/** The load generator: wrk where it is installed (it costs the machine far less per request), else autocannon. */
export type LoadClient = 'wrk' | 'autocannon';

export const defaultClient = (): LoadClient => (wrkAvailable() ? 'wrk' : 'autocannon');

export interface LoadSettings {
  readonly connections: number;
  /** Per measured run. */
  readonly seconds: number;
  readonly client: LoadClient;
  readonly headers?: Record<string, string> | undefined;
  /** Runs of each server, taken in turn. */
  readonly rounds: number;
}

/** The service and its ceiling under the same load: each side's figures over all rounds, and their ratio. */
export interface SideBySide {
  readonly service: LoadFigures;
  readonly ceiling: LoadFigures;
  /** Service req/s over ceiling req/s, all rounds together. */
  readonly ratio: number;
  /** The same, round by round: how far one run's ratio could be from it. */
  readonly roundRatios: readonly number[];
}

/**
 * A warm-up of each server, then `rounds` runs of each, in turn (service, ceiling; ceiling, service;
 * ...): on two cores shared with the client, the machine's pace drifts within a minute, and runs taken in
 * turn share the drift instead of leaving it all to one side.
 */
export async function sideBySide(
  serviceUrl: string,
  ceilingUrl: string,
  paths: readonly string[],
  o: LoadSettings,
): Promise<SideBySide> {
  const run = o.client === 'wrk' ? wrkLoad : load;
  const runOf = (url: string, seconds: number) =>
    run({ url, path: inTurn(paths), connections: o.connections, headers: o.headers, seconds });
  await runOf(serviceUrl, WARM_UP_SECONDS);
  await runOf(ceilingUrl, WARM_UP_SECONDS);
  const service: LoadFigures[] = [];
  const ceiling: LoadFigures[] = [];
  for (let round = 0; round < o.rounds; round++) {
    const order = round % 2 === 0 ? ['service', 'ceiling'] : ['ceiling', 'service'];
    for (const side of order) {
      if (side === 'service') service.push(await runOf(serviceUrl, o.seconds));
      else ceiling.push(await runOf(ceilingUrl, o.seconds));
    }
  }
  const s = together(service);
  const c = together(ceiling);
  return {
    service: s,
    ceiling: c,
    ratio: s.requestsPerSecond / c.requestsPerSecond,
    roundRatios: service.map((f, i) => f.requestsPerSecond / ceiling[i]!.requestsPerSecond),
  };
}

/** Runs of equal length as one: requests and statuses summed, latencies the median run's. */
function together(runs: readonly LoadFigures[]): LoadFigures {
  const median = (pick: (f: LoadFigures) => number) => {
    const v = runs.map(pick).sort((a, b) => a - b);
    return v[Math.floor(v.length / 2)]!;
  };
  const statuses: Record<string, number> = {};
  for (const r of runs) for (const [k, n] of Object.entries(r.statuses)) statuses[k] = (statuses[k] ?? 0) + n;
  const sum = (pick: (f: LoadFigures) => number) => runs.reduce((a, f) => a + pick(f), 0);
  return {
    requestsPerSecond: sum((f) => f.requestsPerSecond) / runs.length,
    p50Ms: median((f) => f.p50Ms),
    p99Ms: median((f) => f.p99Ms),
    requests: sum((f) => f.requests),
    statuses,
    errors: sum((f) => f.errors),
    bytesPerRequest: sum((f) => f.bytesPerRequest) / runs.length,
  };
}
