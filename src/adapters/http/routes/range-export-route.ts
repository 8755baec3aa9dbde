import type { IncomingMessage } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { errorBody } from '../error-body.js';
import { requestStateOf } from '../edge/request-state.js';
import { refusedQueryKeys } from '../edge/refused-query-keys.js';
import type { RouteModule } from '../http-options.js';
import { rangeExport, streamAskedBy, streamFormatOf } from '../streaming/range-export.js';
import { sendExport } from '../streaming/send-export.js';
import { accessHook } from './access-hook.js';

/** The router constraint that sends `GET /rates` asking for CSV or NDJSON here instead of to the procedure. */
const STREAMED = 'rangeFormat';

/** Route config read by the edge cache: a stream is never captured nor replayed. */
export interface StreamRouteConfig {
  readonly streamed?: boolean;
}

/**
 * `GET /rates` (and HEAD) as a CSV or NDJSON stream, when `format=` or `Accept` asks for one; the JSON
 * answer stays the procedure's (rest-routes), on the same path. Identification, rate limiting and
 * CORS run as for every route; access is checked before anything else (the same 401/403). Errors found
 * before the first byte are the edge's error body with `no-store`; after it, the stream ends as
 * streaming/send-export.ts says. Streams are written straight to the socket with back-pressure, so
 * they are not compressed (a compressor would hold back the error line of a failed stream).
 */
export const rangeExportRoute: RouteModule = async (app, opts) => {
  addFormatConstraint(app);
  app.route({
    method: 'GET',
    url: '/rates',
    constraints: { [STREAMED]: 'streamed' },
    config: { streamed: true } satisfies StreamRouteConfig,
    onRequest: accessHook(
      opts,
      () => 'read',
      (status, code, message) => errorBody(code, message),
    ),
    handler: async (request, reply) => {
      const refused = refusedQueryKeys(request.url);
      if (refused.length > 0) {
        const body = errorBody('REQUEST.INVALID', `unknown query parameter(s): ${refused.join(', ')}`);
        return reply.code(400).header('cache-control', 'no-store').send(body);
      }
      const at = request.url.indexOf('?');
      const query = new URLSearchParams(at < 0 ? '' : request.url.slice(at + 1));
      const format = streamFormatOf(query, request.headers.accept)!;
      const state = requestStateOf(request.raw);
      if (state) state.paths = ['rates.range'];
      const answer = await rangeExport(query, format, {
        caller: state?.caller ?? opts.keys.identify(undefined),
        authRequired: opts.authRequired,
        exportRange: opts.useCases.exportRange,
        logger: opts.logger,
        headOnly: request.method === 'HEAD',
      });
      const vary = [reply.getHeader('vary'), answer.headers.vary].filter(Boolean).join(', ');
      if (typeof answer.body === 'string') {
        return reply
          .code(answer.status)
          .headers({ ...answer.headers, ...(vary ? { vary } : {}) })
          .send(answer.body);
      }
      // The stream is written by hand (back-pressure, a visibly cut end on failure): Fastify steps aside,
      // after the headers the edge set on the reply (CORS, x-worker) are carried over.
      reply.hijack();
      const headers = { ...stringHeaders(reply.getHeaders()), ...answer.headers, vary };
      await sendExport(reply.raw, { ...answer, headers });
      return reply;
    },
  });
};

function stringHeaders(headers: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) if (v !== undefined) out[k] = String(v);
  return out;
}

/**
 * `streamed` when the request asks for CSV or NDJSON (query first, then Accept); nothing otherwise, and
 * the router then picks the route without the constraint (the JSON procedure).
 */
function addFormatConstraint(app: FastifyInstance): void {
  if (app.hasConstraintStrategy(STREAMED)) return;
  app.addConstraintStrategy({
    name: STREAMED,
    mustMatchWhenDerived: false,
    storage() {
      const routes = new Map<string, unknown>();
      return {
        get: (k: string) => (routes.get(k) ?? null) as never,
        set: (k: string, v: unknown) => void routes.set(k, v),
      };
    },
    deriveConstraint(req: IncomingMessage) {
      return streamAskedBy(req.url ?? '', req.headers.accept) ? 'streamed' : (undefined as unknown as string);
    },
  });
}
