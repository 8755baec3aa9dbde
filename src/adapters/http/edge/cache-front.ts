import type { IncomingMessage, ServerResponse } from 'node:http';
import { presentedKey } from '../auth/credentials.js';
import type { HttpOptions } from '../http-options.js';
import { streamAskedBy } from '../streaming/range-export.js';
import { recordRequest } from './access-log.js';
import { audienceOf } from './audience.js';
import type { CacheKeys } from './cache-key.js';
import { clientAddressOf } from './client-address.js';
import { corsHeadersWithoutOrigin } from './cors.js';
import { FrontShortcuts } from './front-shortcuts.js';
import { writeHit } from './hit-writer.js';
import { procedureLabel } from './identification.js';
import { bucketOf } from './rate-limit-hook.js';
import { requestCost } from './request-cost.js';
import type { TokenBuckets } from './token-buckets.js';
import { WriteBatch } from './write-batch.js';

/** Hits written together at most: an answer waits for at most this many others to be read first. */
const MAX_BATCH = 64;

/** Node's request handler with the front before it: true when the front answered. */
export type CacheFront = (req: IncomingMessage, res: ServerResponse) => boolean;

/**
 * Edge-cache hits answered before Fastify: routing, request and reply objects and the hook chain cost
 * more than the answer itself (a hit is a lookup and one write). The front takes only what it can
 * answer exactly as the hooks would: a GET or HEAD without `Origin` (so CORS adds fixed headers), not
 * asking for a stream, by a caller the cache serves, admitted by the same token buckets at the same
 * cost, whose canonical request is kept (a target it answered before, for the same kind of caller,
 * it finds without making the key: front-shortcuts.ts). It logs and counts the request as the hooks
 * do, and writes the answers of one turn of the event loop together at its end (write-batch.ts says
 * why). Everything else (a miss, a refusal, a browser's cross-origin call) goes to Fastify untouched;
 * a refused take spends nothing, so the rate-limit hook refuses it again, with the usual 429.
 */
export function cacheFront(
  opts: HttpOptions,
  keys: CacheKeys | undefined,
  limiter: TokenBuckets | undefined,
): CacheFront | undefined {
  const cache = opts.responseCache;
  if (!cache || !keys) return undefined;
  const clientAddress = clientAddressOf(opts.trustProxy);
  const procedures = new Set(Object.keys(opts.router._def.procedures));
  // Frozen: the hit writer merges it into each kept variant's headers once.
  const extra = Object.freeze({
    ...corsHeadersWithoutOrigin(opts.corsOrigins),
    ...(opts.workerId !== undefined ? { 'x-worker': opts.workerId } : {}),
  });
  const batch = new WriteBatch(MAX_BATCH);
  const shortcuts = new FrontShortcuts();
  return (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    // Node's `headers` is a getter: read once.
    const headers = req.headers;
    if (headers.origin !== undefined) return false;
    const url = req.url ?? '/';
    if (streamAskedBy(url, headers.accept)) return false;
    const caller = opts.keys.identify(presentedKey(headers));
    const who = audienceOf(caller, opts.authRequired);
    if (who === undefined) return false;
    const now = opts.now().getTime();
    // A target asked before by the same kind of caller: its entry's handle, without making its key.
    const alone = keys.targetAlone(headers);
    let hit = alone ? shortcuts.get(url, who)?.entry : undefined;
    if (hit !== undefined && hit.expires > now) cache.touch(hit.kept, now);
    else {
      const key = keys.of(url, headers, who);
      hit = key === undefined ? undefined : cache.peek(key, now);
      if (hit === undefined) return false;
      if (alone) shortcuts.remember(url, who, hit.kept);
    }
    const key = hit.kept.key;
    if (limiter) {
      const cost = requestCost(url);
      if (!cost.ok || !limiter.take(bucketOf(caller, req, clientAddress), cost.cost).ok) return false;
    }
    cache.countHit();
    const started = performance.now();
    batch.add(() => {
      try {
        writeHit(cache, key, hit, req, res, extra, now);
      } catch (e) {
        // Nothing a client sends gets here; should a bug, the connection ends rather than hang, and the batch goes on.
        opts.logger.error({ err: e }, 'kept answer not written');
        res.destroy();
        return;
      }
      // Written whole into the socket's buffer: logged now, without a listener waiting for `close`.
      const seconds = (performance.now() - started) / 1000;
      recordRequest(req, caller, procedureLabel(hit.paths, procedures), res.statusCode, seconds, opts);
    });
    return true;
  };
}
