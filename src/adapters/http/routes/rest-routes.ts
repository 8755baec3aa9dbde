import type { FastifyReply, FastifyRequest } from 'fastify';
import { createOpenApiNodeHttpHandler } from 'trpc-to-openapi';
import type { ApiMeta } from '../trpc.js';
import { requestStateOf, type RequestState } from '../edge/request-state.js';
import { addVary } from '../edge/vary.js';
import { refusedQueryKeys } from '../edge/refused-query-keys.js';
import { errorBody } from '../error-body.js';
import { clientHolds, etagOfText, restResponseMeta } from '../response-meta.js';
import { restErrorBody } from '../rest-error.js';
import type { RouteModule } from '../http-options.js';
import { accessHook } from './access-hook.js';
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
    responseMeta: restResponseMeta,
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
    app.route<{ Params: Params }>({
      method: route.method,
      url: template.replace(/\{(\w+)\}/g, ':$1'),
      onRequest: refuse(_def.meta?.access),
      handler: async (request, reply) => {
        const refusal = refusalOf(request);
        if (refusal) return reply.code(400).header('cache-control', 'no-store').send(refusal);
        const path = template.replace(/\{(\w+)\}/g, (_, k: string) => encodeURIComponent(request.params[k] ?? ''));
        // The same URL is a CSV or NDJSON stream for another Accept (range-export-route): tell HTTP caches.
        if (template === RANGE_PATH) addVary(reply, 'Accept');
        const response = nodeResponse(reply, request.params, requestStateOf(request.raw));
        await handler(nodeRequest(request, path) as never, response as never);
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

/** The request as the node handler reads it: method, URL, headers, Fastify's parsed query and body. */
function nodeRequest(request: FastifyRequest, path: string) {
  const at = request.url.indexOf('?');
  const raw = request.raw;
  return {
    method: request.method === 'HEAD' ? 'GET' : request.method,
    url: at < 0 ? path : path + request.url.slice(at),
    headers: request.headers,
    query: request.query,
    ...(request.method === 'POST' ? { body: request.body } : {}),
    edgeState: requestStateOf(raw),
    socket: raw.socket,
    once: raw.once.bind(raw),
    on: raw.on.bind(raw),
    off: raw.off.bind(raw),
    destroy: raw.destroy.bind(raw),
  };
}

/**
 * A response whose `end` sends through Fastify (so hooks, compression and HEAD apply); errors reshaped;
 * a success the request state says to tag gets its ETag from the body text it is given (the handler's
 * JSON.stringify of the answer), and 304 when the request's conditions say the client holds it.
 */
export function nodeResponse(reply: FastifyReply, params: Params, state?: RequestState) {
  const raw = reply.raw;
  return {
    get statusCode() {
      return reply.statusCode;
    },
    set statusCode(code: number) {
      void reply.code(code);
    },
    setHeader: (name: string, value: string) => void reply.header(name, value),
    end: (data?: string) => {
      if (reply.sent) return;
      if (reply.statusCode >= 400) void reply.send(JSON.stringify(restErrorBody(reply.statusCode, data ?? '', params)));
      else {
        const facts = state?.tagOnSend;
        if (facts && reply.statusCode === 200 && data !== undefined) {
          const etag = etagOfText(data);
          void reply.header('etag', etag);
          if (clientHolds(facts, etag)) void reply.code(304);
        }
        void reply.send(data);
      }
    },
    socket: raw.socket,
    get headersSent() {
      return raw.headersSent;
    },
    // tRPC aborts the request's signal when the response closes before it ended: without this, every
    // answered request counted as abandoned (an AbortController abort, a DOMException made, each time).
    get writableEnded() {
      return raw.writableEnded;
    },
    once: raw.once.bind(raw),
    on: raw.on.bind(raw),
    off: raw.off.bind(raw),
    emit: raw.emit.bind(raw),
    removeListener: raw.removeListener.bind(raw),
  };
}
