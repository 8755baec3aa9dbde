import { readiness } from '../edge/probes.js';
import type { RouteModule } from '../http-options.js';

/** `GET /healthz` (the process serves HTTP) and `GET /readyz` (the database answers too). */
export const probeRoutes: RouteModule = async (app, opts) => {
  const ready = readiness(opts.ping);
  app.get('/healthz', (_req, reply) => reply.header('cache-control', 'no-store').send({ status: 'ok' }));
  app.get('/readyz', (_req, reply) => ready(reply));
};
