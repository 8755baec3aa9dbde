import type { ApiMeta } from './trpc.js';

type Operation = { responses: Record<string, unknown> };
type Document = {
  paths?: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, unknown> };
};

/** The body of every error the service sends over REST, from the procedures and from the edge alike. */
const ERROR_SCHEMA = {
  type: 'object',
  description: 'An error: a readable message, the HTTP-level code, and the stable `error` code to branch on',
  properties: {
    message: { type: 'string', description: 'What went wrong, for people' },
    code: { type: 'string', description: 'tRPC error code, e.g. BAD_REQUEST', example: 'TOO_MANY_REQUESTS' },
    error: { type: 'string', description: 'Stable code, e.g. RATES.NOT_FOUND', example: 'RATE_LIMITED' },
    data: { type: 'object', description: 'The same codes and the HTTP status, as tRPC clients see them' },
    issues: { type: 'array', items: { type: 'object', properties: { message: { type: 'string' } } } },
  },
  required: ['message', 'code', 'error'],
} as const;

const errorResponse = (description: string, headers?: Record<string, unknown>) => ({
  description,
  ...(headers ? { headers } : {}),
  content: { 'application/json': { schema: { $ref: '#/components/schemas/fxrates.error' } } },
});

/** Answers every route can give whatever the procedure: the edge's and the error mapping's. */
const EVERY_ROUTE = {
  401: errorResponse('An API key was presented but is not known (refused even where no key is needed)'),
  429: errorResponse('Over the rate limit of this key or client address', {
    'Retry-After': { description: 'Seconds until a request is allowed again', schema: { type: 'integer', minimum: 1 } },
  }),
  503: errorResponse('The rates database cannot be reached; try again shortly'),
};

const CACHE_HEADERS = {
  ETag: { description: 'Strong tag of the answer; send it back in If-None-Match', schema: { type: 'string' } },
  'Cache-Control': { description: 'How long the answer may be reused', schema: { type: 'string' } },
};

/** What every rates answer says of its origin (see the README's "Provenance headers"). */
const PROVENANCE_HEADERS = {
  'Last-Modified': {
    description: 'The newest `fetched_at` behind the answer; send it back in If-Modified-Since',
    schema: { type: 'string' },
  },
  'X-Rates-Provider': { description: 'Every provider behind the answer, comma-separated', schema: { type: 'string' } },
  'X-Rates-Revision': {
    description: 'Every `provider:revision` behind the answer, comma-separated (e.g. `ecb:1, fixer:2`)',
    schema: { type: 'string' },
  },
  'X-Rates-As-Of': { description: 'With `as_of`: the instant answered for', schema: { type: 'string' } },
};

/**
 * Adds to the generated document what the generator cannot know: statuses the edge answers (401 for
 * an unknown key, 429, 503), each procedure's own extra statuses (`moreErrors` in its meta), and for
 * GET routes the 304 of a matching If-None-Match with the ETag and Cache-Control of a 200. The
 * generator's own error entries (400/401/403/404/500) keep their descriptions but get the real body.
 */
export function addServiceResponses<D extends object>(doc: D, metas: readonly ApiMeta[]): D {
  const d = doc as Document;
  const schemas = Object.entries(d.components?.schemas ?? {}).filter(([name]) => !name.startsWith('error.'));
  d.components = { ...d.components, schemas: { ...Object.fromEntries(schemas), 'fxrates.error': ERROR_SCHEMA } };
  for (const meta of metas) {
    const route = meta.openapi;
    const operation = route && d.paths?.[route.path]?.[route.method.toLowerCase()];
    if (!route || !operation) continue;
    const more = Object.fromEntries(Object.entries(meta.moreErrors ?? {}).map(([s, text]) => [s, errorResponse(text)]));
    const generated = Object.fromEntries(
      Object.entries(operation.responses).map(([status, r]) =>
        // The generator's error schemas forbid the `data` and `error` fields every error body has.
        Number(status) >= 400 ? [status, errorResponse((r as { description: string }).description)] : [status, r],
      ),
    );
    operation.responses = { ...EVERY_ROUTE, ...more, ...generated };
    if (route.method !== 'GET') continue;
    const headers = route.tags?.includes('rates') ? { ...CACHE_HEADERS, ...PROVENANCE_HEADERS } : CACHE_HEADERS;
    const ok = operation.responses['200'] as { headers?: Record<string, unknown> } | undefined;
    if (ok) ok.headers = { ...headers, ...ok.headers };
    operation.responses['304'] = {
      description:
        'Not modified: If-None-Match names the current ETag (or, without If-None-Match, If-Modified-Since is not ' +
        'older than Last-Modified; no body)',
      headers,
    };
  }
  return doc;
}
