import type { Logger } from '../domain/logger.js';

export interface ShutdownSteps {
  /** Stop accepting; resolve when every accepted request has been answered. */
  readonly closeServer: () => Promise<void>;
  /** Stop scheduling ingestion and let a running step finish. */
  readonly stopIngestion: () => Promise<void>;
  readonly closeDatabase: () => Promise<void>;
}

/**
 * Runs the steps once, in order, on the first SIGTERM/SIGINT (or `trigger()`): serving ends before
 * ingestion and the database close, so no answered request ever misses its database. Exits 0 when all
 * is done, 1 if it takes longer than `timeoutMs` or a step fails.
 */
export function gracefulShutdown(
  steps: ShutdownSteps,
  options: { readonly timeoutMs: number; readonly logger: Logger; readonly exit?: (code: number) => void },
): { trigger(reason: string): void } {
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let started = false;
  const trigger = (reason: string) => {
    if (started) return;
    started = true;
    options.logger.info({ reason, timeoutMs: options.timeoutMs }, 'shutting down');
    const force = setTimeout(() => {
      options.logger.error({ timeoutMs: options.timeoutMs }, 'shutdown took too long; exiting anyway');
      exit(1);
    }, options.timeoutMs);
    (async () => {
      await steps.closeServer();
      await steps.stopIngestion();
      await steps.closeDatabase();
    })().then(
      () => (clearTimeout(force), options.logger.info({}, 'shut down'), exit(0)),
      (e: unknown) => {
        clearTimeout(force);
        options.logger.error({ err: e instanceof Error ? e.message : String(e) }, 'shutdown failed');
        exit(1);
      },
    );
  };
  process.once('SIGTERM', () => trigger('SIGTERM'));
  process.once('SIGINT', () => trigger('SIGINT'));
  return { trigger };
}
