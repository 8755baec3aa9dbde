import { generateOpenApiDocument } from 'trpc-to-openapi';
import type { AppRouter } from './app-router.js';

/** The OpenAPI 3 document of the REST side, generated from the router's procedures and schemas. */
export function buildOpenApiDocument(appRouter: AppRouter, version: string) {
  return generateOpenApiDocument(appRouter, {
    title: 'fxrates',
    description:
      'Daily foreign-exchange rates: stored as the provider sent them (base EUR), other bases derived as cross rates. ' +
      'The same procedures are served to typed clients over tRPC at /trpc.',
    version,
    baseUrl: '/',
    tags: ['rates'],
  });
}
