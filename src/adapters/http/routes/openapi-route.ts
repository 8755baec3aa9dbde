import type { RouteModule } from '../http-options.js';

/** `GET /openapi.json`: the document, serialised once. */
export const openApiRoute: RouteModule = async (app, opts) => {
  const json = JSON.stringify(opts.openApiDocument);
  app.get('/openapi.json', (_req, reply) =>
    reply.headers({ 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-cache' }).send(json),
  );
};
