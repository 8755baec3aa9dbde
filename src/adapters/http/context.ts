import type { Convert } from '../../app/convert.js';
import type { ExportRange } from '../../app/export-range.js';
import type { GetLatest } from '../../app/get-latest.js';
import type { GetGroupedRange } from '../../app/get-grouped-range.js';
import type { GetRange } from '../../app/get-range.js';
import type { GetRates } from '../../app/get-rates.js';
import type { GetRevisions } from '../../app/get-revisions.js';
import type { GetStatus } from '../../app/get-status.js';
import type { ListCurrencies } from '../../app/list-currencies.js';
import type { ListProviders } from '../../app/list-providers.js';
import type { IngestAdmin } from './admin.js';
import type { Caller } from '../../app/api-keys.js';
import { CacheHints } from './cache-hints.js';
import type { RequestState } from './edge/request-state.js';

/** The use cases procedures call, resolved once in the composition root. */
export interface UseCases {
  readonly getRates: GetRates;
  readonly getRevisions: GetRevisions;
  readonly getLatest: GetLatest;
  readonly getRange: GetRange;
  /** Ranges as streams (NDJSON, CSV) and grouped ranges. */
  readonly exportRange: ExportRange;
  readonly getGroupedRange: GetGroupedRange;
  readonly convert: Convert;
  readonly listCurrencies: ListCurrencies;
  readonly getStatus: GetStatus;
  readonly listProviders: ListProviders;
  readonly ingestAdmin: IngestAdmin;
}

/**
 * What each request's procedures get: the use cases, who calls, and where to say how cacheable the
 * answer is. Few fields, the use cases under one of them: tRPC copies the context, field by field, at
 * every middleware a call passes through.
 */
export interface ApiContext {
  readonly useCases: UseCases;
  readonly now: () => Date;
  readonly cache: CacheHints;
  /** The request's `If-None-Match`, to answer 304 when the ETag matches. */
  readonly ifNoneMatch: string | undefined;
  /** The request's `If-Modified-Since`, compared with the answer's Last-Modified when no If-None-Match is sent. */
  readonly ifModifiedSince?: string | undefined;
  readonly caller: Caller;
  /** AUTH_REQUIRED: rates routes need a read key too. */
  readonly authRequired: boolean;
  /** Shared with the HTTP edge, which labels logs and metrics with the procedures that answered. */
  readonly request: RequestState;
}

export function createApiContext(
  useCases: UseCases,
  settings: { readonly now: () => Date; readonly authRequired: boolean },
  request: {
    readonly ifNoneMatch: string | undefined;
    readonly ifModifiedSince?: string | undefined;
    readonly state: RequestState;
  },
): ApiContext {
  return {
    useCases,
    now: settings.now,
    authRequired: settings.authRequired,
    cache: new CacheHints(),
    ifNoneMatch: request.ifNoneMatch,
    ifModifiedSince: request.ifModifiedSince,
    caller: request.state.caller,
    request: request.state,
  };
}
