import type { FastifyInstance } from 'fastify';
import type { HttpOptions } from '../http-options.js';
import { PROBES } from './access-log.js';
import { edgeErrorBody } from './edge-error.js';
import { requestStateOf } from './request-state.js';

/**
 * A per-request deadline: a request not answered within `deadlineMs` gets 503 REQUEST.DEADLINE_EXCEEDED
 * (nobody should wait longer; a client that would has usually gone). Its work is then left to finish
 * unobserved: what it sends after is dropped. A request whose client has already disconnected when its
 * handler would start is not run at all.
 */
export function installDeadline(app: FastifyInstance, opts: HttpOptions): void {
  const deadlineMs = opts.deadlineMs ?? 0;
  app.addHook('preHandler', (request, reply, done) => {
    // Nobody is waiting: do not start the work (its answer could not be delivered).
    if (request.raw.destroyed || request.raw.socket?.destroyed) return void reply.hijack();
    done();
  });
  if (deadlineMs <= 0) return;
  const timers = new WeakMap<object, NodeJS.Timeout>();
  app.addHook('onRequest', (request, reply, done) => {
    const path = request.url.split('?', 1)[0]!;
    if (PROBES.has(path.slice(1))) return done();
    const timer = setTimeout(() => {
      if (reply.sent || reply.raw.headersSent) return;
      const state = requestStateOf(request.raw);
      if (state) state.label = 'deadline';
      void reply
        .code(503)
        .headers({ 'content-type': 'application/json', 'cache-control': 'no-store', 'retry-after': '1' })
        .send(
          JSON.stringify(
            edgeErrorBody(path, 503, 'REQUEST.DEADLINE_EXCEEDED', `no answer within ${deadlineMs} ms; try again`),
          ),
        );
    }, deadlineMs);
    timers.set(request.raw, timer);
    done();
  });
  app.addHook('onResponse', (request, _reply, done) => {
    clearTimeout(timers.get(request.raw));
    done();
  });
  app.addHook('onRequestAbort', (request, done) => {
    clearTimeout(timers.get(request.raw));
    done();
  });
}
