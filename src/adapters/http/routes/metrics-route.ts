import proxyAddr from 'proxy-addr';
import { errorBody } from '../error-body.js';
import type { RouteModule } from '../http-options.js';

/**
 * `GET /metrics`: Prometheus text (cluster-wide with several workers). With METRICS_ALLOW, only those
 * peers may scrape: the socket's address is checked, as a forwarded one could be anything.
 */
export const metricsRoute: RouteModule = async (app, opts) => {
  const allowed = opts.metricsAllow ? proxyAddr.compile([...opts.metricsAllow]) : undefined;
  app.get('/metrics', async (req, reply) => {
    if (allowed && !allowed(req.raw.socket.remoteAddress ?? '', 0)) {
      return reply
        .code(403)
        .headers({ 'content-type': 'application/json', 'cache-control': 'no-store' })
        .send(errorBody('AUTH.FORBIDDEN', 'metrics are not served to this address'));
    }
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
