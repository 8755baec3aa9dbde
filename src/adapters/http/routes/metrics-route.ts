import type { RouteModule } from '../http-options.js';

/** `GET /metrics`: Prometheus text (cluster-wide with several workers). */
export const metricsRoute: RouteModule = async (app, opts) => {
  app.get('/metrics', async (_req, reply) => {
    try {
      const { contentType, text } = await opts.scrape();
      return reply.headers({ 'content-type': contentType, 'cache-control': 'no-store' }).send(text);
    } catch (e) {
      opts.logger.error({ cause: e instanceof Error ? e.message : undefined }, 'metrics scrape failed');
      return reply
        .code(500)
        .headers({ 'content-type': 'text/plain', 'cache-control': 'no-store' })
        .send('metrics unavailable\n');
    }
  });
};
