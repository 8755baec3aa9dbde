import type { ApiContext, ApiResult } from './api-context.js';
import { failure } from './api-context.js';
import { fluctuationEndpoint, timeseriesEndpoint } from './range-endpoints.js';
import { convertEndpoint, ratesEndpoint, symbolsEndpoint } from './rate-endpoints.js';

/** Answers one API path segment (`latest`, `2024-01-02`, `timeseries`, ...) after auth and quota passed. */
export function answerEndpoint(segment: string, q: URLSearchParams, ctx: ApiContext): ApiResult {
  switch (segment) {
    case 'latest':
      return ratesEndpoint(q, ctx);
    case 'symbols':
      return symbolsEndpoint();
    case 'timeseries':
      return timeseriesEndpoint(q, ctx);
    case 'fluctuation':
      return fluctuationEndpoint(q, ctx);
    case 'convert':
      return convertEndpoint(q, ctx);
    case '':
      return failure(103);
    default:
      // Fixer reads any other segment as a date: `/fixer/foo` is a 302, not a 404.
      return ratesEndpoint(q, ctx, segment);
  }
}
