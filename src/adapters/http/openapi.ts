import { generateOpenApiDocument, type OpenApiRouter } from 'trpc-to-openapi';
import type { AppRouter } from './app-router.js';
import { addServiceResponses } from './openapi-responses.js';
import { addStreamedFormats } from './openapi-streams.js';
import type { ApiMeta } from './trpc.js';

interface ProcedureLike {
  readonly _def: { readonly meta?: ApiMeta };
}

/**
 * The router as the generator should see it: each procedure's `protect` follows from its access
 * (set by authedProcedure/adminProcedure) and AUTH_REQUIRED, so the document marks exactly the routes
 * that will ask for a key. The copies share everything else with the real procedures.
 */
function withProtection(appRouter: AppRouter, authRequired: boolean): OpenApiRouter {
  const adjusted = Object.fromEntries(
    Object.entries(procedureRecord(appRouter)).map(([path, p]) => {
      const meta = p._def.meta;
      if (!meta?.openapi) return [path, p];
      const protect = meta.access === 'admin' || (meta.access === 'read' && authRequired);
      const copy = Object.assign(Object.create(p) as object, {
        _def: { ...p._def, meta: { ...meta, openapi: { ...meta.openapi, protect } } },
      });
      return [path, copy];
    }),
  );
  return { ...appRouter, _def: { ...appRouter._def, procedures: adjusted } } as unknown as OpenApiRouter;
}

const TAGS = [
  { name: 'rates', description: 'Rates of one day, the newest day or a range, and conversions' },
  { name: 'currencies', description: 'Every currency seen, with its first and last day and providers' },
  { name: 'providers', description: 'The rate providers: pages, cadence, coverage and health' },
  { name: 'admin', description: 'Operation: run an ingestion, its recent runs, the provider request budget' },
];

/** No open licence is granted (the package is private): an SPDX reference for a proprietary licence says so. */
const LICENSE = { name: 'Proprietary', identifier: 'LicenseRef-Proprietary' };

/** The OpenAPI 3 document of the REST side, generated from the router's procedures and schemas. */
export function buildOpenApiDocument(appRouter: AppRouter, version: string, options: { authRequired?: boolean } = {}) {
  const doc = generateOpenApiDocument(withProtection(appRouter, options.authRequired ?? false), {
    title: 'fxrates',
    description:
      'Daily foreign-exchange rates: stored as the provider sent them (base EUR), other bases derived as cross rates. ' +
      'The same procedures are served to typed clients over tRPC at /trpc. Protected routes take an API key as ' +
      '`Authorization: Bearer <key>` or `X-API-Key: <key>`.',
    version,
    baseUrl: '/',
    tags: ['rates', 'currencies', 'providers', 'admin'],
    securitySchemes: {
      bearer: { type: 'http', scheme: 'bearer', description: 'Authorization: Bearer <API key>' },
      apiKey: { type: 'apiKey', in: 'header', name: 'X-API-Key', description: 'The same API key, in X-API-Key' },
    },
  });
  doc.info = { ...doc.info, license: LICENSE };
  doc.tags = TAGS;
  return addStreamedFormats(
    addServiceResponses(
      doc,
      Object.values(procedureRecord(appRouter)).flatMap((p) => (p._def.meta ? [p._def.meta] : [])),
    ),
  );
}

/** At run time `procedures` is flat, keyed by dotted path; its type says nested. */
const procedureRecord = (appRouter: AppRouter) => appRouter._def.procedures as unknown as Record<string, ProcedureLike>;
