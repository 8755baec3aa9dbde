import { errorBody } from './error-body.js';
import type { ApiMeta } from './trpc.js';

type Operation = {
  responses: Record<string, unknown>;
  parameters?: { in: string; required?: boolean; schema?: Record<string, unknown> }[];
  requestBody?: unknown;
  security?: unknown[];
};
type Document = {
  paths?: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, unknown> };
};

/** The body of every error the service sends over REST, from the procedures and from the edge alike. */
const ERROR_SCHEMA = {
  type: 'object',
  description:
    "An error: `error` a human sentence (for dates, the original service's exact words), `code` the stable " +
    'code to branch on, `message` the detail of this case, `issues` what was wrong with which parameter',
  properties: {
    error: { type: 'string', description: 'What went wrong, in one sentence for people' },
    code: { type: 'string', description: 'Stable code, e.g. RATES.NOT_FOUND', pattern: '^[A-Z_]+(\\.[A-Z_]+)?$' },
    message: { type: 'string', description: 'The detail of this case' },
    issues: {
      type: 'array',
      description: 'Each parameter that was wrong, and why',
      items: {
        type: 'object',
        properties: {
          path: { type: 'array', items: { type: ['string', 'integer'] } },
          message: { type: 'string' },
          code: { type: 'string' },
        },
        required: ['path', 'message'],
      },
    },
    date: { type: 'string', description: 'On a missing day (404): the date as asked' },
    currency_rates: { type: 'object', description: 'On a missing day (404): always empty', maxProperties: 0 },
  },
  required: ['error', 'code', 'message'],
} as const;

/** The stable code a status stands for in the document's examples. */
const EXAMPLE: Record<string, [code: string, message: string]> = {
  400: ['REQUEST.INVALID', 'base: must be a three-letter currency code'],
  401: ['AUTH.INVALID_KEY', 'the API key is not valid'],
  403: ['AUTH.FORBIDDEN', 'this route needs a key with the admin role'],
  404: ['RATES.NOT_FOUND', 'no rates stored for 2024-01-06'],
  405: ['REQUEST.METHOD_NOT_ALLOWED', 'PUT is not allowed here'],
  409: ['INGEST.BUSY', 'an ingestion is already running'],
  412: ['INGEST.NO_PROVIDER', 'no rate provider is configured'],
  413: ['REQUEST.TOO_LARGE', 'Request body is too large'],
  415: ['REQUEST.UNSUPPORTED_MEDIA_TYPE', 'Unsupported Media Type: text/plain'],
  429: ['RATE_LIMITED', 'Too many requests; retry after the time in Retry-After'],
  500: ['INTERNAL', 'internal error'],
  502: ['PROVIDER.FAILED', 'the provider failed to answer'],
  503: ['STORAGE.UNAVAILABLE', 'the rates database is unavailable; try again shortly'],
  504: ['PROVIDER.FAILED', 'the provider did not answer in time'],
};

function exampleOf(status: string, path: string): object {
  const [code, message] = EXAMPLE[status] ?? ['REQUEST.INVALID', 'invalid request'];
  if (status === '400' && path.includes('{date}')) {
    return errorBody('RATES.INVALID_DATE', '2024-02-30 is not a calendar date');
  }
  if (status === '404' && path.includes('{date}')) {
    return { date: '2024-01-06', currency_rates: {}, ...errorBody(code, message) };
  }
  return errorBody(code, message);
}

const errorResponse = (description: string, example: object, headers?: Record<string, unknown>) => ({
  description,
  ...(headers ? { headers } : {}),
  content: { 'application/json': { schema: { $ref: '#/components/schemas/fxrates.error' }, example } },
});

/** Answers every route can give whatever the procedure: the edge's and the error mapping's. */
const EVERY_ROUTE: Record<string, [string, Record<string, unknown>?]> = {
  401: ['An API key was presented but is not known (refused even where no key is needed)'],
  405: [
    'The path exists, but not for this method',
    { Allow: { description: 'The methods this path answers', schema: { type: 'string' } } },
  ],
  429: [
    'Over the rate limit of this key or client address',
    {
      'Retry-After': {
        description: 'Seconds until a request is allowed again',
        schema: { type: 'integer', minimum: 1 },
      },
    },
  ],
  503: [
    'The service cannot answer now; try again shortly. `code` says why: `STORAGE.UNAVAILABLE` (the rates ' +
      'database cannot be reached), `SERVICE.OVERLOADED` (load shedding: the event loop lags or memory is ' +
      'high; with Retry-After), `REQUEST.DEADLINE_EXCEEDED` (no answer within the per-request deadline)',
    {
      'Retry-After': {
        description: 'Seconds to wait before retrying (sent with SERVICE.OVERLOADED and REQUEST.DEADLINE_EXCEEDED)',
        schema: { type: 'integer', minimum: 1 },
      },
    },
  ],
};

/** Answers of routes that take a body. */
const WITH_BODY: Record<string, [string]> = {
  413: ['The body is larger than the limit (16 kB)'],
  415: ['The body is not application/json'],
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
 * an unknown key, 405, 413/415 for bodies, 429, 503), each procedure's own extra statuses
 * (`moreErrors` in its meta), the real error body with an example per status, for GET routes the 304
 * of a matching If-None-Match with the ETag and Cache-Control of a 200, and `security: []` on the
 * operations that need no key. Optional parameters lose their examples: "Try it out" in /docs would
 * otherwise send them as if the caller had chosen them.
 */
export function addServiceResponses<D extends object>(doc: D, metas: readonly ApiMeta[]): D {
  const d = doc as Document;
  const schemas = Object.entries(d.components?.schemas ?? {}).filter(([name]) => !name.startsWith('error.'));
  d.components = { ...d.components, schemas: { ...Object.fromEntries(schemas), 'fxrates.error': ERROR_SCHEMA } };
  for (const meta of metas) {
    const route = meta.openapi;
    const operation = route && d.paths?.[route.path]?.[route.method.toLowerCase()];
    if (!route || !operation) continue;
    const error = (status: string, description: string, headers?: Record<string, unknown>) =>
      errorResponse(description, exampleOf(status, route.path), headers);
    const edge = { ...EVERY_ROUTE, ...(operation.requestBody ? WITH_BODY : {}) };
    const fixed = Object.fromEntries(Object.entries(edge).map(([s, [text, headers]]) => [s, error(s, text, headers)]));
    const more = Object.fromEntries(Object.entries(meta.moreErrors ?? {}).map(([s, text]) => [s, error(s, text)]));
    const generated = Object.fromEntries(
      Object.entries(operation.responses).map(([status, r]) =>
        // The generator's error schemas are not the body the service sends.
        Number(status) >= 400 ? [status, error(status, (r as { description: string }).description)] : [status, r],
      ),
    );
    operation.responses = sortedByStatus({ ...fixed, ...more, ...generated });
    operation.security ??= [];
    for (const p of operation.parameters ?? []) if (!p.required && p.schema) delete p.schema.example;
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

const sortedByStatus = (responses: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(responses).sort(([a], [b]) => a.localeCompare(b)));
