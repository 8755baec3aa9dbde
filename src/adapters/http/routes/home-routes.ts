import { answerHomePage, homePageFiles } from '../home-page.js';
import type { RouteModule } from '../http-options.js';

/** `/`, `/favicon.ico` and the page's `/assets/<hashed name>`, from memory; HEAD comes with Fastify. */
export const homeRoutes: RouteModule = async (app) => {
  const files = await homePageFiles();
  for (const path of files.keys()) {
    app.get(path, (request, reply) => {
      const answer = answerHomePage(files, {
        method: request.method,
        path,
        ifNoneMatch: request.headers['if-none-match'],
      })!;
      return reply.code(answer.status).headers(answer.headers).send(answer.body);
    });
  }
};
