import type { FastifyReply, FastifyRequest } from 'fastify';
import { fastifyRequestHandler } from '@trpc/server/adapters/fastify';
import { requestStateOf, type ConditionalFacts } from '../edge/request-state.js';
import { clientHolds, etagOfBody, responseMeta } from '../response-meta.js';
import type { Access } from '../auth/access-guard.js';
import type { ApiMeta } from '../trpc.js';
import type { RouteModule } from '../http-options.js';
import { accessHook } from './access-hook.js';
import { addVary } from '../edge/vary.js';
import { MAX_BATCH_CALLS } from '../edge/request-cost.js';
import { contextFactory, errorLogger } from './procedure-context.js';

const HTTP_TO_JSONRPC: Record<number, number> = { 401: -32001, 403: -32003 };

/**
 * tRPC under /trpc/<path> (GET queries, POST mutations, batches), through tRPC's own Fastify handler.
 * Its Fetch Response is read into bytes and sent through Fastify, so that the edge cache, compression
 * and HEAD see an ordinary payload. The body stays a string here: tRPC parses it itself.
 */
export const trpcRoutes: RouteModule = async (app, opts) => {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => done(null, body));
  // tRPC builds a Fetch Response, which cannot be a 304 with the body tRPC gives it (it threw: a 500):
  // the 304 is decided on the finished answer, by `bufferedReply`.
  const createContext = contextFactory(opts);
  const onError = errorLogger(opts);
  const procedures = opts.router._def.procedures as unknown as Record<string, { _def: { meta?: ApiMeta } }>;
  // The strictest access among the batched procedures (admin before read); unknown paths are tRPC's 404.
  const accessOf = (params: unknown): Access | undefined => {
    const accesses = String((params as { path?: string }).path ?? '')
      .split(',')
      .map((p) => procedures[p]?._def.meta?.access);
    return accesses.includes('admin') ? 'admin' : accesses.includes('read') ? 'read' : undefined;
  };
  const refuse = accessHook(opts, accessOf, (status, code, message) => ({
    error: {
      message,
      code: HTTP_TO_JSONRPC[status],
      data: { code: status === 403 ? 'FORBIDDEN' : 'UNAUTHORIZED', httpStatus: status, error: code },
    },
  }));

  const handler = async (request: FastifyRequest<{ Params: { path: string } }>, reply: FastifyReply) => {
    // HEAD is GET without the body (Fastify drops it); tRPC itself would refuse the method.
    const raw = request.method === 'HEAD' ? Object.create(request.raw, { method: { value: 'GET' } }) : request.raw;
    await fastifyRequestHandler({
      router: opts.router,
      createContext,
      onError,
      responseMeta,
      // The edge refuses larger batches first (edge/cost-hook.ts); this holds should a request get past it.
      maxBatchSize: MAX_BATCH_CALLS,
      path: request.params.path,
      req: Object.assign(Object.create(request) as object, {
        raw,
        edgeState: requestStateOf(request.raw),
      }) as unknown as typeof request,
      res: bufferedReply(reply, () => requestStateOf(request.raw)?.tagOnSend),
    });
    return reply;
  };
  app.get<{ Params: { path: string } }>('/trpc/:path', handler);
  // Mutations carry a body: the caller is refused before it is read (a query's refusal is per call, in the batch).
  app.post<{ Params: { path: string } }>('/trpc/:path', { onRequest: refuse }, handler);
};

/**
 * A reply whose `send` takes tRPC's Fetch Response and sends its status, headers and bytes through
 * Fastify. A success the procedures' meta said to tag (`tagged`, with the request's conditions) gets its
 * ETag from those bytes, and 304 without a body when the conditions say the client holds it, as REST's.
 */
function bufferedReply(reply: FastifyReply, tagged: () => ConditionalFacts | undefined): FastifyReply {
  return Object.assign(Object.create(reply) as object, {
    send: async (response: Response) => {
      void reply.code(response.status);
      // Framing is Fastify's: the bytes go whole with their length (a streamed answer's
      // Transfer-Encoding kept beside it would make the response unreadable).
      response.headers.forEach((value, name) => {
        if (name === 'transfer-encoding' || name === 'content-length') return;
        void (name === 'vary' ? addVary(reply, value) : reply.header(name, value));
      });
      const body = Buffer.from(await response.arrayBuffer());
      const facts = response.status === 200 ? tagged() : undefined;
      if (facts) {
        const etag = etagOfBody(body);
        void reply.header('etag', etag);
        if (clientHolds(facts, etag)) return reply.code(304).send();
      }
      return reply.send(body);
    },
  }) as unknown as FastifyReply;
}
