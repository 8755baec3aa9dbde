import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { procMemory, type ProcMemory } from './proc-memory.js';

/** Repository root: children run from it so that `--import tsx` and relative paths resolve. */
export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** A Node process serving HTTP on loopback, started from a TypeScript entry under bench/. */
export interface ServerProcess {
  readonly url: string;
  readonly pid: number;
  /** Still running (it has not exited or been killed). */
  alive(): boolean;
  memory(): ProcMemory | null;
  /** The last lines it printed (stdout and stderr), for diagnostics. */
  output(): string;
  /** SIGTERM, then SIGKILL if it has not exited after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

export interface SpawnOptions {
  readonly entry: string;
  readonly args?: readonly string[];
  readonly env?: Record<string, string>;
  /** Extra Node flags, e.g. `--cpu-prof` or `--import ./a-preload.ts`. */
  readonly nodeArgs?: readonly string[];
  readonly startTimeoutMs?: number;
}

/** Output kept per child: enough to see why it failed, bounded however chatty it is. */
const KEEP_CHARS = 16_000;

/**
 * Starts `node --import tsx ENTRY` and waits for its `{ port }` message on the IPC channel. The child
 * is spawned directly (no npm or shell in between), so `pid` is the server's own process.
 */
export function spawnServer(o: SpawnOptions): Promise<ServerProcess> {
  const child: ChildProcess = spawn(
    process.execPath,
    // tsx first, so that a preloaded module in `nodeArgs` may be TypeScript too.
    ['--import', 'tsx', ...(o.nodeArgs ?? []), o.entry, ...(o.args ?? [])],
    { cwd: ROOT, env: { ...process.env, ...o.env }, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] },
  );
  const output = keptOutput(child);

  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${o.entry} did not start within ${o.startTimeoutMs ?? 30_000} ms:\n${output()}`));
    }, o.startTimeoutMs ?? 30_000);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${o.entry} exited at start (${signal ?? code}):\n${output()}`));
    });
    child.on('message', (m: { port?: number }) => {
      if (typeof m?.port !== 'number') return;
      clearTimeout(timer);
      // The channel is only for the port; closing it lets the parent exit without waiting on it.
      child.disconnect();
      resolve(serverProcess(child, `http://127.0.0.1:${m.port}`, output));
    });
  });
}

/** The child's last output, stdout and stderr together, bounded however chatty it is. */
export function keptOutput(child: ChildProcess): () => string {
  let printed = '';
  const keep = (chunk: Buffer) => void (printed = (printed + chunk.toString()).slice(-KEEP_CHARS));
  // Always drained: a full pipe would block the child's writes and distort what is measured.
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  return () => printed;
}

/** The handle of a child serving at `url`. */
export function serverProcess(child: ChildProcess, url: string, output: () => string): ServerProcess {
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  return {
    url,
    pid: child.pid!,
    alive: () => child.exitCode === null && child.signalCode === null,
    memory: () => procMemory(child.pid!),
    output,
    stop: async (graceMs = 5_000) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}
