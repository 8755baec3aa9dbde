import type { FastifyInstance } from 'fastify';
import { errorBody } from '../error-body.js';
import { requestCost } from './request-cost.js';
import { requestStateOf } from './request-state.js';

/**
 * Prices each request before the rate limit (edge/request-cost.ts) and refuses, with 400 and before any
 * work, a tRPC batch of too many calls or of too much work in all. Applies with the rate limit off too.
 */
export function installRequestCost(app: FastifyInstance): void {
  app.addHook('onRequest', (request, reply, done) => {
    const state = requestStateOf(request.raw);
    const priced = requestCost(request.url);
    if (priced.ok) {
      if (state) state.cost = priced.cost;
      return done();
    }
    if (state) state.label = 'batch';
    void reply
      .code(400)
      .headers({ 'content-type': 'application/json', 'cache-control': 'no-store' })
      .send(JSON.stringify(batchRefusal(priced.message)));
  });
}

/** A tRPC error envelope (the refusal only happens under /trpc), carrying the edge's stable code. */
function batchRefusal(message: string): object {
  const body = errorBody('REQUEST.BATCH_TOO_LARGE', message);
  return { error: { message, code: -32600, data: { code: 'BAD_REQUEST', httpStatus: 400, error: body.code } } };
}
