import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { keptOutput, ROOT, serverProcess, type ServerProcess } from './child-process.js';
import { freePort } from './free-port.js';

/**
 * The Node flags and entry of `npm start`, read from package.json, so that what is measured runs
 * exactly as users run it, whatever flags the start script gains.
 */
export function startCommand(): { flags: string[]; entry: string } {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } };
  const words = pkg.scripts.start.trim().split(/\s+/);
  const at = words.findIndex((w) => w.endsWith('.js'));
  if (words[0] !== 'node' || at < 0) throw new Error(`unexpected start script: ${pkg.scripts.start}`);
  return { flags: words.slice(1, at), entry: words[at]! };
}

/**
 * The service as `npm start` runs it: compiled into dist/ first when stale (as `prestart` does), then
 * `node <the start script's flags> dist/main/serve.js`, with exactly the given settings on a free
 * loopback port and scheduled ingestion off; resolves once /healthz answers. Not TypeScript through
 * a loader: the bench measures the code users run.
 */
export async function spawnBuiltService(o: {
  readonly env: Record<string, string>;
  /** Extra Node flags, e.g. `--cpu-prof`. */
  readonly nodeArgs?: readonly string[];
  readonly startTimeoutMs?: number;
}): Promise<ServerProcess> {
  const built = spawnSync(process.execPath, [join(ROOT, 'scripts/build.mjs'), '--if-stale'], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (built.status !== 0) throw new Error(`the build failed (exit ${built.status ?? built.signal})`);
  const { flags, entry } = startCommand();
  const port = await freePort();
  const child = spawn(process.execPath, [...flags, ...(o.nodeArgs ?? []), entry], {
    cwd: ROOT,
    env: {
      ...process.env,
      INGEST_ENABLED: 'false',
      ...o.env,
      HOST: '127.0.0.1',
      PORT: String(port),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = keptOutput(child);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (o.startTimeoutMs ?? 30_000);
  while (
    !(await fetch(`${url}/healthz`).then(
      (r) => r.ok,
      () => false,
    ))
  ) {
    if (child.exitCode !== null || child.signalCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${entry} did not start:\n${output()}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return serverProcess(child, url, output);
}
