import { withConfiguredEndpoints } from '../../src/main/configured-endpoints.js';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DependencyContainer } from 'tsyringe';
import { startHttpServer } from '../../src/adapters/http/server.js';
import { httpApp } from '../../src/main/http-app.js';
import { TOKENS } from '../../src/app/tokens.js';
import { testContainer, type TestContainerOptions } from './container.js';
import type { IngestRig } from './ingest-rig.js';

export interface TestApp {
  readonly url: string;
  readonly container: DependencyContainer;
  close(): Promise<void>;
}

/** The real HTTP app on a loopback port, wired like the composition root with the given parts. */
export async function startTestApp(
  opts: TestContainerOptions & {
    /** Registers more parts (e.g. TOKENS.Mongo for readiness) before the app is built. */
    configure?: (c: DependencyContainer) => void;
  } = {},
): Promise<TestApp> {
  const c = testContainer(opts);
  opts.configure?.(c);
  const server: Server = await startHttpServer(httpApp(c), 0, '127.0.0.1');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    container: c,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** The app over an ingest rig's parts (its storage, run log, Fixer sandbox provider and clock); `opts` wins. */
export function startRigApp(rig: IngestRig, opts: TestContainerOptions = {}): Promise<TestApp> {
  const { repo, catalog, fixer, clock, runs } = rig;
  return startTestApp({
    repo,
    catalog,
    provider: fixer.provider,
    now: clock,
    // As the composition root does: the quota shown is the one the sandbox's requests spend.
    budget: withConfiguredEndpoints(fixer.budget, { fixer: rig.sandbox.url }),
    ...opts,
    configure: (c) => c.register(TOKENS.IngestionRunLog, { useValue: runs }),
  });
}
