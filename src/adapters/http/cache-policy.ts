import type { AnswerValidity } from '../../app/answer-validity.js';
import type { CacheHints } from './cache-hints.js';

/**
 * The use cases decide how long an answer stays true (`AnswerValidity`); HTTP only says it: an
 * immutable answer for a day, anything else for what the use case allows clients. The whole value is
 * kept on the hints too, for the edge, which may keep an answer longer than clients (until its dates change).
 */
export function applyValidity(cache: CacheHints, validity: AnswerValidity): void {
  cache.record(validity);
}
