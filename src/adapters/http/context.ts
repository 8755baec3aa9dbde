import type { Convert } from '../../app/convert.js';
import type { GetLatest } from '../../app/get-latest.js';
import type { GetRange } from '../../app/get-range.js';
import type { GetRates } from '../../app/get-rates.js';
import type { ListCurrencies } from '../../app/list-currencies.js';
import { CacheHints } from './cache-hints.js';

/** The use cases procedures call, resolved once in the composition root. */
export interface UseCases {
  readonly getRates: GetRates;
  readonly getLatest: GetLatest;
  readonly getRange: GetRange;
  readonly convert: Convert;
  readonly listCurrencies: ListCurrencies;
}

/** What each request's procedures get: the use cases, and where to say how cacheable the answer is. */
export interface ApiContext extends UseCases {
  readonly now: () => Date;
  readonly cache: CacheHints;
  /** The request's `If-None-Match`, to answer 304 when the ETag matches. */
  readonly ifNoneMatch: string | undefined;
}

export function createApiContext(
  useCases: UseCases,
  now: () => Date,
  headers: { 'if-none-match'?: string | undefined },
): ApiContext {
  return { ...useCases, now, cache: new CacheHints(), ifNoneMatch: headers['if-none-match'] };
}
