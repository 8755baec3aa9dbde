import type { IncomingMessage } from 'node:http';
import type { FastifyInstance } from 'fastify';
import type { Caller } from '../../../app/api-keys.js';
import type { HttpOptions } from '../http-options.js';
import { clientAddressOf } from './client-address.js';
import { PROBES } from './access-log.js';
import { rateLimitedBody } from './rate-limited.js';
import { requestStateOf } from './request-state.js';
import type { TokenBuckets } from './token-buckets.js';
import type { missSurcharge } from './miss-surcharge.js';

/** A caller's bucket: a key's own, else the client address's. The cache front takes from the same. */
export function bucketOf(
  caller: Caller,
  req: IncomingMessage,
  clientAddress: (req: IncomingMessage) => string,
): string {
  return caller.kind === 'key' ? `key:${caller.name}` : `ip:${clientAddress(req)}`;
}

/**
 * Per caller token buckets, after identification: a key's own bucket, else the client address's
 * (behind TRUST_PROXY, the forwarded one). A request spends what it costs (edge/request-cost.ts), and a
 * read the edge cache does not hold one token more (edge/miss-surcharge.ts).
 * Probes and metrics are never limited. The buckets are the edge's one set, shared with the cache front.
 */
export function installRateLimit(
  app: FastifyInstance,
  opts: HttpOptions,
  limiter: TokenBuckets | undefined,
  surcharge: ReturnType<typeof missSurcharge>,
): void {
  if (!limiter) return;
  const clientAddress = clientAddressOf(opts.trustProxy);
  app.addHook('onRequest', (request, reply, done) => {
    const path = request.url.split('?', 1)[0]!;
    const state = requestStateOf(request.raw);
    if (!state || PROBES.has(path.slice(1))) return done();
    const id = bucketOf(state.caller, request.raw, clientAddress);
    const admission = limiter.take(id, state.cost + surcharge(request.url, request.headers, state.caller));
    if (admission.ok) return done();
    state.label = 'rate_limited';
    void reply
      .code(429)
      .headers({ 'content-type': 'application/json', 'cache-control': 'no-store' })
      .header('retry-after', String(admission.retryAfterSeconds))
      .send(JSON.stringify(rateLimitedBody(path.startsWith('/trpc/'))));
  });
}
