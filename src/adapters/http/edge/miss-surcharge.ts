import type { IncomingHttpHeaders } from 'node:http';
import type { Caller } from '../../../app/api-keys.js';
import type { HttpOptions } from '../http-options.js';
import { streamAskedBy } from '../streaming/range-export.js';
import { audienceOf } from './audience.js';
import type { CacheKeys } from './cache-key.js';

/**
 * Tokens a read costs beyond its price (edge/request-cost.ts) when the edge cache does not hold its
 * answer: it will be computed, and may reach storage. A kept answer costs only its price.
 */
export const MISS_TOKENS = 1;

/**
 * The surcharge of one request: MISS_TOKENS for a read route's request (one the cache could key) whose
 * answer is not kept (a stream never is), with the cache off too; nothing for anything else (probes,
 * docs, admin routes, callers the procedure would refuse), which the price alone covers.
 */
export function missSurcharge(
  opts: HttpOptions,
  keys: CacheKeys,
): (url: string, headers: IncomingHttpHeaders, caller: Caller) => number {
  return (url, headers, caller) => {
    const who = audienceOf(caller, opts.authRequired);
    const key = who === undefined ? undefined : keys.of(url, headers, who);
    if (key === undefined) return 0;
    // A CSV or NDJSON stream is never answered from the cache, though its key may be a kept JSON range's.
    if (streamAskedBy(url, headers.accept)) return MISS_TOKENS;
    return opts.responseCache?.peek(key, opts.now().getTime()) ? 0 : MISS_TOKENS;
  };
}
