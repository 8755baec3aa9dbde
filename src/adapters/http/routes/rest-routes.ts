import type { FastifyRequest } from 'fastify';
import { createOpenApiNodeHttpHandler } from 'trpc-to-openapi';
import type { ApiMeta } from '../trpc.js';
import { requestStateOf } from '../edge/request-state.js';
import { addVary } from '../edge/vary.js';
import { refusedQueryKeys } from '../edge/refused-query-keys.js';
import { errorBody } from '../error-body.js';
import { responseMeta } from '../response-meta.js';
import type { RouteModule } from '../http-options.js';
import { accessHook } from './access-hook.js';
import { RestRequest, RestResponse } from './node-shims.js';
import { contextFactory, errorLogger } from './procedure-context.js';

type Params = Record<string, string>;

/** The JSON range's path, which it shares with the streamed range. */
const RANGE_PATH = '/rates';

/**
 * One Fastify route per OpenAPI operation (so that HEAD, 405 with Allow, percent-decoded paths and body
 * limits come from Fastify), each answered by trpc-to-openapi's node handler, which calls the procedure.
 * The handler gets the canonical path built from the decoded parameters, always as GET for a HEAD (it
 * would answer a HEAD with an empty 204), and its error bodies are put in the one documented shape.
 */
export const restRoutes: RouteModule = async (app, opts) => {
  // Only JSON bodies: anything else is 415 before the handler (Fastify would read text/plain as a string).
  app.removeContentTypeParser('text/plain');
  const handler = createOpenApiNodeHttpHandler({
    router: opts.router,
    createContext: contextFactory(opts),
    onError: errorLogger(opts),
    responseMeta,
  });
  const refuse = (access: ApiMeta['access']) =>
    accessHook(
      opts,
      () => access,
      (status, code, message) => errorBody(code, message),
    );
  const procedures = opts.router._def.procedures as unknown as Record<string, { _def: { meta?: ApiMeta } }>;
  for (const { _def } of Object.values(procedures)) {
    const route = _def.meta?.openapi;
    if (!route) continue;
    const template = route.path;
    const pathOf = canonicalPath(template);
    app.route<{ Params: Params }>({
      method: route.method,
      url: template.replace(/\{(\w+)\}/g, ':$1'),
      onRequest: refuse(_def.meta?.access),
      handler: async (request, reply) => {
        const refusal = refusalOf(request);
        if (refusal) return reply.code(400).header('cache-control', 'no-store').send(refusal);
        const path = pathOf(request.params);
        // The same URL is a CSV or NDJSON stream for another Accept (range-export-route): tell HTTP caches.
        if (template === RANGE_PATH) addVary(reply, 'Accept');
        const state = requestStateOf(request.raw);
        const response = new RestResponse(reply, request.params, state);
        await handler(new RestRequest(request, path, state) as never, response as never);
        return reply;
      },
    });
  }
};

/**
 * What the node handler would let through but the document forbids: query keys named like
 * `Object.prototype` members, empty query values (which it drops as if absent, while no parameter
 * accepts an empty value), and a JSON body that is not an object (it would read `null` as `{}`).
 */
function refusalOf(request: FastifyRequest) {
  const refused = refusedQueryKeys(request.url);
  if (refused.length > 0) return errorBody('REQUEST.INVALID', `unknown query parameter(s): ${refused.join(', ')}`);
  const query = request.query as Record<string, string | string[]>;
  const empty = Object.keys(query).filter((k) => [query[k]].flat().some((v) => v === ''));
  if (empty.length > 0) {
    const issues = empty.map((k) => ({ path: [k], message: 'must not be empty' }));
    return errorBody('REQUEST.INVALID', issues.map((i) => `${i.path[0]}: ${i.message}`).join('; '), issues);
  }
  const body = request.body;
  if (request.method === 'POST' && (typeof body !== 'object' || body === null || Array.isArray(body))) {
    return errorBody('REQUEST.INVALID', 'the body must be a JSON object', [
      { path: [], message: 'expected an object' },
    ]);
  }
  return undefined;
}

/**
 * The canonical path of a route's request, built from its decoded parameters (made once per route: the
 * template's literal parts and parameter names, not a regular expression per request).
 */
function canonicalPath(template: string): (params: Params) => string {
  const parts = template.split(/\{(\w+)\}/);
  if (parts.length === 1) return () => template;
  return (params) => {
    let path = parts[0]!;
    for (let i = 1; i < parts.length; i += 2) path += encodeURIComponent(params[parts[i]!] ?? '') + parts[i + 1]!;
    return path;
  };
}
