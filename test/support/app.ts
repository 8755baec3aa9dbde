import 'reflect-metadata';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { container } from 'tsyringe';
import { startHttpServer } from '../../src/adapters/http/server.js';
import { parseConfig } from '../../src/app/config.js';
import { httpApp } from '../../src/app/http-app.js';
import { TOKENS } from '../../src/app/tokens.js';
import { silentLogger, type Logger } from '../../src/domain/logger.js';
import type { RateRepository } from '../../src/domain/rate-repository.js';

export interface TestApp {
  readonly url: string;
  close(): Promise<void>;
}

/**
 * The real HTTP app on a loopback port, wired like the composition root but with the given
 * repository, clock and environment.
 */
export async function startTestApp(opts: {
  repo: RateRepository;
  now?: () => Date;
  env?: Record<string, string>;
  logger?: Logger;
}): Promise<TestApp> {
  const c = container.createChildContainer();
  c.register(TOKENS.Config, { useValue: parseConfig(opts.env ?? {}) });
  c.register(TOKENS.Logger, { useValue: opts.logger ?? silentLogger });
  c.register(TOKENS.Clock, { useValue: opts.now ?? (() => new Date()) });
  c.register(TOKENS.RateRepository, { useValue: opts.repo });
  const server: Server = await startHttpServer(httpApp(c), 0, '127.0.0.1');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
