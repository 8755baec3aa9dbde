import { docsFiles } from '../docs-page.js';
import type { RouteModule } from '../http-options.js';

/** `/docs` (and `/docs/`) and Swagger UI's files, from memory; HEAD and compression come with Fastify. */
export const docsRoutes: RouteModule = async (app) => {
  const { files, headers } = docsFiles();
  for (const [path, file] of files) {
    app.get(path, (_req, reply) => reply.headers({ ...headers, 'content-type': file.type }).send(file.body));
  }
};
