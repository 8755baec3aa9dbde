import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** What a process still holds after a full collection, in bytes. */
export interface LiveMemory {
  /** V8's heap: JavaScript objects. */
  readonly heapUsed: number;
  /** Memory outside the heap that V8 is told of: buffers, zlib streams. */
  readonly external: number;
}

/**
 * The Node arguments and environment to start a child with, and `read`, which asks that child what it
 * holds. The child collects and reports on a signal, so nothing is added to the service itself.
 */
export function liveMemoryProbe(): {
  nodeArgs: string[];
  env: Record<string, string>;
  read(pid: number): Promise<LiveMemory>;
} {
  const file = join(tmpdir(), `fxrates-live-memory-${process.pid}-${Date.now()}.json`);
  return {
    nodeArgs: ['--expose-gc', '--import', './test/support/live-memory-report.ts'],
    env: { LIVE_MEMORY_FILE: file },
    read: async (pid) => {
      rmSync(file, { force: true });
      process.kill(pid, 'SIGUSR2');
      for (let waited = 0; waited < 10_000; waited += 50) {
        if (existsSync(file)) {
          const report = JSON.parse(readFileSync(file, 'utf8')) as LiveMemory;
          rmSync(file, { force: true });
          return report;
        }
        await sleep(50);
      }
      throw new Error(`process ${pid} did not report its live memory within 10 s`);
    },
  };
}
