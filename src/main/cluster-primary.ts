import cluster, { type Worker } from 'node:cluster';
import type { Logger } from '../domain/logger.js';

/** Sent to each worker on shutdown: over the same channel as the connections handed to it, so after them. */
export const SHUTDOWN_MESSAGE = 'fxrates:shutdown';

/**
 * The primary of WORKERS > 1: forks the workers, which share the port; replaces a worker that dies
 * after it started serving; on SIGTERM/SIGINT asks each to shut down gracefully and exits 0 once all
 * have exited 0 (1 otherwise, or after `shutdownTimeoutMs` plus a margin).
 */
export function runPrimary(options: { workers: number; shutdownTimeoutMs: number; logger: Logger }): void {
  const { logger } = options;
  const serving = new WeakSet<Worker>();
  let stopping = false;
  let failed = false;
  const fork = () =>
    cluster.fork().once('listening', function (this: Worker) {
      serving.add(this);
      // Asked to stop while this worker started: it could not hear it then.
      if (stopping) this.send({ type: SHUTDOWN_MESSAGE });
    });
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) {
      if (code !== 0) failed = true;
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(failed ? 1 : 0);
      return;
    }
    logger.error({ worker: worker.id, code, signal }, 'worker died');
    // A worker that never served failed at start (configuration, database): forking again would loop.
    if (serving.has(worker)) fork();
    else stop('a worker failed to start', 1);
  });
  const stop = (reason: string, code = 0) => {
    if (stopping) return;
    stopping = true;
    failed = code !== 0;
    logger.info({ reason }, 'stopping workers');
    setTimeout(() => {
      logger.error({}, 'workers did not stop in time');
      for (const w of Object.values(cluster.workers ?? {})) w?.process.kill('SIGKILL');
      process.exit(1);
    }, options.shutdownTimeoutMs + 2_000).unref();
    const workers = Object.values(cluster.workers ?? {});
    if (workers.length === 0) process.exit(failed ? 1 : 0);
    for (const w of workers) if (w?.isConnected()) w.send({ type: SHUTDOWN_MESSAGE });
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
  for (let i = 0; i < options.workers; i++) fork();
}
