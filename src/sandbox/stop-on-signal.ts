import type { SandboxControls } from './sandbox-server.js';

/** Ctrl-C or SIGTERM: report what was served, end hanging requests too, and exit 0. */
export function stopOnSignal(sandbox: SandboxControls<unknown>): void {
  const stop = (): void => {
    console.log(`\nstopping after ${sandbox.requests.count} requests`);
    void sandbox.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
