import type { RequestListener } from 'node:http';
import type { DependencyContainer } from 'tsyringe';
import { appRouter } from '../adapters/http/app-router.js';
import { buildOpenApiDocument } from '../adapters/http/openapi.js';
import { createRequestListener } from '../adapters/http/server.js';
import type { Logger } from '../domain/logger.js';
import { GetRates } from './get-rates.js';
import { TOKENS } from './tokens.js';
import { VERSION } from './version.js';

/** The HTTP request listener with every use case resolved from `c`. */
export function httpApp(c: DependencyContainer): RequestListener {
  return createRequestListener({
    router: appRouter,
    context: { getRates: c.resolve(GetRates) },
    openApiDocument: buildOpenApiDocument(appRouter, VERSION),
    logger: c.resolve<Logger>(TOKENS.Logger),
  });
}
