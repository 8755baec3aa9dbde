import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { spawnServer, type ServerProcess } from '../test/support/child-process.js';
import { load, type LoadFigures } from '../test/support/load.js';

/** One answer of the service, for the bare server to send: its body, and gzipped when asked so. */
export interface Example {
  readonly name: string;
  readonly body: Buffer;
  readonly headers: Headers;
  readonly gzip: boolean;
}

/** The service's answer to `path`, as an example for the ceiling; throws unless it is a 200. */
export async function exampleOf(serviceUrl: string, name: string, path: string, gzip: boolean): Promise<Example> {
  const res = await fetch(`${serviceUrl}${path}`);
  if (res.status !== 200) throw new Error(`${path} answered ${res.status}: ${await res.text()}`);
  return { name, body: Buffer.from(await res.arrayBuffer()), headers: res.headers, gzip };
}

/**
 * The bare node:http server (bench/bare-server.ts) answering `/{name}` (or `/{name}.gz`) with each
 * example's exact bytes and headers.
 */
export async function startCeiling(
  examples: readonly Example[],
): Promise<{ server: ServerProcess; stop(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'fxrates-bench-'));
  for (const e of examples) {
    const file = e.gzip ? `${e.name}.gz` : e.name;
    writeFileSync(join(dir, `${file}.json`), e.gzip ? gzipSync(e.body) : e.body);
    writeFileSync(join(dir, `${file}.headers`), JSON.stringify(answerHeaders(e.headers)));
  }
  const server = await spawnServer({ entry: 'bench/bare-server.ts', args: [dir] });
  return {
    server,
    stop: async () => {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Where the ceiling serves an example. */
export const ceilingPath = (e: Pick<Example, 'name' | 'gzip'>): string => `/${e.name}${e.gzip ? '.gz' : ''}`;

/**
 * The headers the service sent that describe the answer, for the bare server to send too: the client
 * parses every header byte (autocannon's parser is JavaScript), so the ceiling sends the same bytes,
 * headers included. The connection's own headers, Date and the body's length and encoding, the bare
 * server (Node) sets itself.
 */
function answerHeaders(headers: Headers): Record<string, string> {
  const own = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding', 'content-length', 'content-encoding']);
  const out: Record<string, string> = {};
  headers.forEach((value, name) => {
    if (!own.has(name)) out[name] = value;
  });
  return out;
}

const WARM_UP_SECONDS = 2;

/** A warm-up, then `seconds` of keep-alive load on `path()` at `url`. */
export async function measure(
  url: string,
  path: () => string,
  o: { connections: number; seconds: number; headers?: Record<string, string> | undefined },
): Promise<LoadFigures> {
  const common = { url, path, connections: o.connections, headers: o.headers };
  await load({ ...common, seconds: WARM_UP_SECONDS });
  return load({ ...common, seconds: o.seconds });
}
