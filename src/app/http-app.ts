import type { RequestListener } from 'node:http';
import type { DependencyContainer } from 'tsyringe';
import { appRouter } from '../adapters/http/app-router.js';
import { buildOpenApiDocument } from '../adapters/http/openapi.js';
import { createRequestListener } from '../adapters/http/server.js';
import type { Logger } from '../domain/logger.js';
import { Convert } from './convert.js';
import { GetLatest } from './get-latest.js';
import { GetRange } from './get-range.js';
import { GetRates } from './get-rates.js';
import { ListCurrencies } from './list-currencies.js';
import { TOKENS, type Clock } from './tokens.js';
import { VERSION } from './version.js';

/** The HTTP request listener with every use case resolved from `c`. */
export function httpApp(c: DependencyContainer): RequestListener {
  return createRequestListener({
    router: appRouter,
    useCases: {
      getRates: c.resolve(GetRates),
      getLatest: c.resolve(GetLatest),
      getRange: c.resolve(GetRange),
      convert: c.resolve(Convert),
      listCurrencies: c.resolve(ListCurrencies),
    },
    now: c.resolve<Clock>(TOKENS.Clock),
    openApiDocument: buildOpenApiDocument(appRouter, VERSION),
    logger: c.resolve<Logger>(TOKENS.Logger),
  });
}
