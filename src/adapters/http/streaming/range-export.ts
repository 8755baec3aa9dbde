import Negotiator from 'negotiator';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import type { AnswerValidity } from '../../../app/answer-validity.js';
import type { ExportRange, RangeExport } from '../../../app/export-range.js';
import type { DomainError } from '../../../domain/errors.js';
import type { Logger } from '../../../domain/logger.js';
import type { Caller } from '../../../app/api-keys.js';
import { AuthRequiredError, InvalidApiKeyError } from '../auth/auth-errors.js';
import { CacheHints } from '../cache-hints.js';
import { errorBody } from '../error-body.js';
import { describeIssues, stableCodeOf, toTRPCError } from '../errors.js';
import { csvDayHeader, csvDayRow, csvPeriodHeader, csvPeriodRow } from './csv-row.js';
import { exportQuery, type StreamFormat } from './export-query.js';
import { ndjsonDayRow, ndjsonErrorRow, ndjsonPeriodRow } from './ndjson-row.js';

/** Everything the handler needs to know about the request besides its query. */
export interface ExportFacts {
  readonly caller: Caller;
  readonly authRequired: boolean;
  readonly exportRange: ExportRange;
  readonly logger: Logger;
  /** HEAD: the stream's headers only; the rows are closed unread (and so is their cursor). */
  readonly headOnly?: boolean | undefined;
}

/** An answer decided before the first byte: a JSON error (never cached), or a stream of text. */
export type ExportAnswer =
  | { readonly status: number; readonly headers: Record<string, string>; readonly body: string }
  | { readonly status: 200; readonly headers: Record<string, string>; readonly body: AsyncIterable<string> | '' };

const DATE_FIELDS = new Set(['from', 'to']);

const CONTENT_TYPE: Record<StreamFormat, string> = {
  csv: 'text/csv; charset=utf-8; header=present',
  ndjson: 'application/x-ndjson; charset=utf-8',
};
/** Lines are sent in chunks of about this many characters: few writes, little held. */
const CHUNK_CHARS = 32 * 1024;

/**
 * The streamed format a `GET /rates` asks for, or undefined for JSON (the procedure's answer).
 * `format=` wins over `Accept`; an unknown `format` value is left to the procedure, which refuses it.
 */
export function streamFormatOf(query: URLSearchParams, accept: string | undefined): StreamFormat | undefined {
  const format = query.get('format');
  if (format !== null) return format === 'csv' || format === 'ndjson' ? format : undefined;
  const preferred = new Negotiator({ headers: { accept: accept ?? '*/*' } }).mediaType([
    'application/json',
    'application/x-ndjson',
    'text/csv',
  ]);
  return preferred === 'text/csv' ? 'csv' : preferred === 'application/x-ndjson' ? 'ndjson' : undefined;
}

/**
 * Whether a request target and Accept header ask for a stream: the router's constraint and the edge
 * cache's front both decide with this, so a stream is never answered with a kept JSON body. Cheap
 * first: only a `format=` in the query or a CSV/NDJSON Accept may ask.
 */
export function streamAskedBy(url: string, accept: string | undefined): boolean {
  const at = url.indexOf('?');
  const mayAsk = (at >= 0 && url.includes('format=', at)) || (accept !== undefined && /csv|ndjson/i.test(accept));
  return mayAsk && streamFormatOf(new URLSearchParams(at < 0 ? '' : url.slice(at + 1)), accept) !== undefined;
}

/**
 * `GET /rates` as NDJSON or CSV, independent of the HTTP framework: access, parameters, currencies and
 * the first read from storage are settled before the answer is chosen, so every failure up to there is
 * a JSON error with `no-store`. A failure after the first byte cannot change the status any more: the
 * body then ends with an error line (NDJSON) and throws, and the transport must abort the connection
 * without ending the response normally (no terminating chunk), which every HTTP client reports.
 */
export async function rangeExport(
  query: URLSearchParams,
  format: StreamFormat,
  facts: ExportFacts,
): Promise<ExportAnswer> {
  if (facts.caller.kind === 'invalid') return errorAnswer(new InvalidApiKeyError(), facts.logger);
  if (facts.caller.kind === 'anonymous' && facts.authRequired)
    return errorAnswer(new AuthRequiredError(), facts.logger);
  const parsed = exportQuery.safeParse(Object.fromEntries(query));
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ message: i.message, path: i.path.map(String), code: i.code }));
    // A malformed date is "invalid date", as the procedures say it.
    const code = issues.some((i) => DATE_FIELDS.has(i.path[0] ?? '')) ? 'RATES.INVALID_DATE' : 'REQUEST.INVALID';
    return json(400, errorBody(code, describeIssues(issues), issues));
  }
  let result;
  try {
    result = await facts.exportRange.execute(parsed.data);
  } catch (e) {
    return errorAnswer(e, facts.logger);
  }
  if (!result.ok) return errorAnswer(result.error, facts.logger);
  const x = result.value;
  if (facts.headOnly) await x.rows[Symbol.asyncIterator]().return?.();
  return {
    status: 200,
    headers: {
      'content-type': CONTENT_TYPE[format],
      ...(format === 'csv' ? { 'content-disposition': `attachment; filename="${fileName(x)}"` } : {}),
      'cache-control': cacheControlOf(x.validity),
      vary: 'Accept, Authorization, X-API-Key',
      'x-range-from': x.from,
      'x-range-to': x.to,
      'x-range-last-date': x.lastDate ?? '',
      'x-base': x.base,
    },
    body: facts.headOnly ? '' : chunked(format === 'csv' ? csvLines(x) : ndjsonLines(x), format, facts.logger),
  };
}

async function* csvLines(x: RangeExport): AsyncGenerator<string> {
  if (x.group === undefined) {
    yield csvDayHeader(x.currencies);
    for await (const day of x.rows) yield csvDayRow(day, x.currencies);
  } else {
    yield csvPeriodHeader(x.currencies);
    for await (const p of x.rows) yield csvPeriodRow(p, x.currencies, x.base);
  }
}

async function* ndjsonLines(x: RangeExport): AsyncGenerator<string> {
  if (x.group === undefined) for await (const day of x.rows) yield ndjsonDayRow(day);
  else for await (const p of x.rows) yield ndjsonPeriodRow(p, x.base);
}

/** Joins lines into chunks; a failure mid-stream is logged, marked (NDJSON) and rethrown for the transport. */
async function* chunked(lines: AsyncIterable<string>, format: StreamFormat, logger: Logger): AsyncGenerator<string> {
  let chunk = '';
  try {
    for await (const l of lines) {
      chunk += l;
      if (chunk.length >= CHUNK_CHARS) {
        yield chunk;
        chunk = '';
      }
    }
  } catch (e) {
    logger.error({ cause: e instanceof Error ? { name: e.name, message: e.message } : undefined }, 'export failed');
    yield chunk + (format === 'ndjson' ? ndjsonErrorRow() : '');
    throw e;
  }
  if (chunk) yield chunk;
}

const fileName = (x: RangeExport) => `rates-${x.base}-${x.from}-${x.to}${x.group ? `-${x.group}` : ''}.csv`;

function json(status: number, body: unknown): ExportAnswer {
  return {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
    body: JSON.stringify(body),
  };
}

/** What clients may keep, as the JSON range says it (immutable ranges for a day, others briefly). */
function cacheControlOf(validity: AnswerValidity): string {
  const hints = new CacheHints();
  hints.record(validity);
  return hints.header();
}

/** The edge's one error body (same codes as the procedures), for a domain error or a failure of ours. */
function errorAnswer(e: DomainError | unknown, logger: Logger): ExportAnswer {
  const error = toTRPCError(e);
  const status = getHTTPStatusCodeFromError(error);
  if (status >= 500) logger.error({ code: error.code, cause: error.cause?.message }, 'export could not start');
  const stable = stableCodeOf(error);
  const message = error.code === 'INTERNAL_SERVER_ERROR' ? 'internal error' : error.message;
  return json(status, errorBody(stable, message));
}
