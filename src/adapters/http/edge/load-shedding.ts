import { getHeapStatistics } from 'node:v8';
import type { FastifyInstance } from 'fastify';
import underPressure from '@fastify/under-pressure';
import type { HttpOptions } from '../http-options.js';
import { PROBES } from './access-log.js';
import { edgeErrorBody } from './edge-error.js';
import { requestStateOf } from './request-state.js';

/** Seconds a shed client is told to wait: pressure is sampled every SAMPLE_MS, so it is often gone by then. */
export const OVERLOADED_RETRY_AFTER_SECONDS = 2;
const SAMPLE_MS = 250;
/** Heap use (of V8's limit) over which the process sheds work, whatever the configuration: past it, GC thrashes. */
const HEAP_FRACTION = 0.9;

/**
 * Load shedding (@fastify/under-pressure): while the event loop lags or memory is high, a new request
 * that would do work gets 503 SERVICE.OVERLOADED with Retry-After, at once and before any work. Probes,
 * /metrics and the OpenAPI document and /docs still pass, and so do answers the edge cache replays:
 * that hook runs before this one. Work already admitted finishes (or meets its deadline).
 */
export function installLoadShedding(app: FastifyInstance, opts: HttpOptions): void {
  const o = opts.overload;
  if (!o || (o.eventLoopDelayMs <= 0 && o.maxRssMb <= 0)) return;
  void app.register(underPressure, {
    maxEventLoopDelay: o.eventLoopDelayMs,
    maxRssBytes: o.maxRssMb * 1024 * 1024,
    maxHeapUsedBytes: Math.floor(getHeapStatistics().heap_size_limit * HEAP_FRACTION),
    sampleInterval: SAMPLE_MS,
    pressureHandler: (request, reply, type) => {
      const path = request.url.split('?', 1)[0]!;
      if (PROBES.has(path.slice(1)) || path === '/openapi.json' || path.startsWith('/docs')) return undefined;
      const state = requestStateOf(request.raw);
      if (state) state.label = 'overloaded';
      void reply
        .code(503)
        .headers({ 'content-type': 'application/json', 'cache-control': 'no-store' })
        .header('retry-after', String(OVERLOADED_RETRY_AFTER_SECONDS));
      const why = type === 'eventLoopDelay' ? 'too busy' : 'short of memory';
      const message = `the service is ${why}; retry after the time in Retry-After`;
      void reply.send(JSON.stringify(edgeErrorBody(path, 503, 'SERVICE.OVERLOADED', message)));
      // A promise: the hook chain goes on only after this answer was sent, so no later hook or handler runs.
      return Promise.resolve();
    },
  });
}
