import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { LoadFigures, LoadOptions } from '../test/support/load.js';

/** Distinct request targets wrk goes through in turn (drawn from `path()` before the load). */
const PATH_POOL = 4096;

/**
 * wrk's script: the pool of targets, one after the other across all connections (so no two connections
 * ask the same thing in step), with the headers given on the command line.
 */
const SCRIPT = `
local paths = {}
for line in io.lines(os.getenv("FXRATES_WRK_PATHS")) do paths[#paths + 1] = line end
local i = 0
request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
`;

/** True when wrk is on this machine's PATH. */
export function wrkAvailable(): boolean {
  try {
    execFileSync('wrk', ['--version'], { stdio: 'ignore' });
    return true;
  } catch (e) {
    // `wrk --version` exits 1 after printing its version: only a missing binary is ENOENT.
    return (e as NodeJS.ErrnoException).code !== 'ENOENT';
  }
}

/**
 * Keep-alive load with wrk (C, one thread): it spends far less per request than the server does, so
 * on two cores the server, not the client, is what is measured. The bench uses it when installed
 * (Debian's `wrk` package) and autocannon otherwise.
 */
export async function wrkLoad(o: LoadOptions): Promise<LoadFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'fxrates-wrk-'));
  try {
    const paths = join(dir, 'paths.txt');
    writeFileSync(paths, Array.from({ length: PATH_POOL }, () => o.path()).join('\n'));
    writeFileSync(join(dir, 'pool.lua'), SCRIPT);
    const headers = Object.entries(o.headers ?? {}).flatMap(([k, v]) => ['-H', `${k}: ${v}`]);
    const args = ['-t1', `-c${o.connections}`, `-d${o.seconds}s`, '--timeout', '60s', '--latency', ...headers];
    const { stdout } = await promisify(execFile)('wrk', [...args, '-s', join(dir, 'pool.lua'), o.url], {
      env: { ...process.env, FXRATES_WRK_PATHS: paths },
    });
    return parse(stdout);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const UNIT_MS: Record<string, number> = { us: 0.001, ms: 1, s: 1000, m: 60_000 };
const UNIT_BYTES: Record<string, number> = { B: 1, KB: 1024, MB: 1024 ** 2, GB: 1024 ** 3 };

/** wrk's report: requests, time, bytes, the latency distribution, and answers that were not 2xx/3xx. */
function parse(out: string): LoadFigures {
  const total = /(\d+) requests in ([\d.]+)(\w+), ([\d.]+)(\w+) read/.exec(out);
  if (!total) throw new Error(`wrk's report not understood:\n${out}`);
  const requests = Number(total[1]);
  const seconds = (Number(total[2]) * UNIT_MS[total[3]!]!) / 1000;
  const bytes = Number(total[4]) * UNIT_BYTES[total[5]!]!;
  const percentile = (p: number) => {
    const m = new RegExp(`^\\s+${p}%\\s+([\\d.]+)(\\w+)`, 'm').exec(out);
    return m ? Number(m[1]) * UNIT_MS[m[2]!]! : Number.NaN;
  };
  const failed = Number(/Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? 0);
  const errors = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
  return {
    requestsPerSecond: requests / seconds,
    p50Ms: percentile(50),
    p99Ms: percentile(99),
    requests,
    statuses: { '200': requests - failed, ...(failed > 0 ? { 'not 2xx/3xx': failed } : {}) },
    errors: errors ? errors.slice(1).reduce((a, b) => a + Number(b), 0) : 0,
    bytesPerRequest: requests > 0 ? bytes / requests : 0,
  };
}
