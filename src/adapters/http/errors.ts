import { TRPCError, type TRPC_ERROR_CODE_KEY } from '@trpc/server';
import type { DefaultErrorShape } from '@trpc/server/unstable-core-do-not-import';
import { isDomainError, isProviderError, type DomainError } from '../../domain/errors.js';
import type { Issue } from './error-body.js';

const BY_DOMAIN_CODE: Record<string, TRPC_ERROR_CODE_KEY> = {
  'RATES.INVALID_DATE': 'BAD_REQUEST',
  'RATES.FUTURE_DATE': 'BAD_REQUEST',
  'RATES.INVALID_CURRENCY': 'BAD_REQUEST',
  'RATES.UNKNOWN_CURRENCY': 'BAD_REQUEST',
  'RATES.INVALID_RANGE': 'BAD_REQUEST',
  'RATES.NOT_FOUND': 'NOT_FOUND',
  'RATES.INVALID_AS_OF': 'BAD_REQUEST',
  'RATES.FUTURE_AS_OF': 'BAD_REQUEST',
  'RATES.NOT_STORED_AT': 'NOT_FOUND',
  'STORAGE.UNAVAILABLE': 'SERVICE_UNAVAILABLE',
  'RATES.RANGE_TOO_LARGE': 'BAD_REQUEST',
  'RATES.INVALID_AMOUNT': 'BAD_REQUEST',
  'PROVIDER.NO_PUBLICATION': 'NOT_FOUND',
  'INGEST.BUSY': 'CONFLICT',
  'INGEST.NO_PROVIDER': 'PRECONDITION_FAILED',
  'AUTH.REQUIRED': 'UNAUTHORIZED',
  'AUTH.INVALID_KEY': 'UNAUTHORIZED',
  'AUTH.FORBIDDEN': 'FORBIDDEN',
};

/** The stable code a client sees for each transport-level failure that is not a domain error. */
const GENERIC_CODE: Partial<Record<TRPC_ERROR_CODE_KEY, string>> = {
  BAD_REQUEST: 'REQUEST.INVALID',
  PARSE_ERROR: 'REQUEST.INVALID',
  UNSUPPORTED_MEDIA_TYPE: 'REQUEST.UNSUPPORTED_MEDIA_TYPE',
  PAYLOAD_TOO_LARGE: 'REQUEST.TOO_LARGE',
  METHOD_NOT_SUPPORTED: 'REQUEST.METHOD_NOT_ALLOWED',
  UNAUTHORIZED: 'AUTH.REQUIRED',
  FORBIDDEN: 'AUTH.FORBIDDEN',
  TOO_MANY_REQUESTS: 'RATE_LIMITED',
  NOT_FOUND: 'ROUTE.NOT_FOUND',
  SERVICE_UNAVAILABLE: 'STORAGE.UNAVAILABLE',
  BAD_GATEWAY: 'PROVIDER.FAILED',
  GATEWAY_TIMEOUT: 'PROVIDER.FAILED',
  INTERNAL_SERVER_ERROR: 'INTERNAL',
};

/** The single mapping from failures to tRPC codes (and so to HTTP statuses through the OpenAPI adapter). */
export function toTRPCError(e: unknown): TRPCError {
  if (e instanceof TRPCError) return e;
  if (isProviderError(e)) {
    // The provider failed us, not the client: 504 for a timeout, 502 otherwise (quota included).
    const code = e.providerCode === 'TIMEOUT' ? 'GATEWAY_TIMEOUT' : 'BAD_GATEWAY';
    return new TRPCError({ code, message: e.message, cause: e });
  }
  if (isDomainError(e))
    return new TRPCError({ code: BY_DOMAIN_CODE[e.code] ?? 'BAD_REQUEST', message: e.message, cause: e });
  return new TRPCError({
    code: 'INTERNAL_SERVER_ERROR',
    message: 'internal error',
    cause: e instanceof Error ? e : undefined,
  });
}

/** Throws the tRPC form of a domain error; used by procedures on a failed use-case result. */
export function fail(e: DomainError): never {
  throw toTRPCError(e);
}

/** The stable code a client branches on: the domain's, else the transport's generic one. */
export const stableCodeOf = (error: TRPCError): string =>
  isDomainError(error.cause) ? error.cause.code : (GENERIC_CODE[error.code] ?? error.code);

/** Input fields that are dates: a malformed one is the original service's "invalid date", not a generic 400. */
const DATE_FIELDS = new Set(['date', 'from', 'to']);

interface ZodLikeIssue {
  readonly path: readonly PropertyKey[];
  readonly message: string;
  readonly code?: string;
}

/** The issues of a failed input validation, as plain data (paths of strings and numbers). */
function validationIssues(cause: unknown): Issue[] | undefined {
  const issues = (cause as { issues?: unknown } | undefined)?.issues;
  if (!(cause instanceof Error) || !Array.isArray(issues)) return undefined;
  return (issues as ZodLikeIssue[]).map((i) => ({
    path: i.path.map((p) => (typeof p === 'number' ? p : String(p))),
    message: i.message,
    ...(i.code ? { code: i.code } : {}),
  }));
}

/** One readable sentence for a list of issues: `date: must be a date as YYYY-MM-DD; base: ...`. */
export const describeIssues = (issues: readonly Issue[]): string =>
  issues.map((i) => (i.path.length > 0 ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ');

/**
 * Shapes every tRPC error: tRPC's envelope (`{ message, code, data: { code, httpStatus, path } }`)
 * with the stable code in `data.error`, a readable `message`, and validation issues as data in
 * `data.issues`. The REST face turns the same fields into its body (see rest-error.ts). Internal
 * errors keep their details out of the body (they are logged instead).
 */
export function formatError({ shape, error }: { shape: DefaultErrorShape; error: TRPCError }) {
  const cause = error.cause;
  const issues = error.code === 'BAD_REQUEST' ? validationIssues(cause) : undefined;
  const domainCode = isDomainError(cause)
    ? cause.code
    : issues?.some((i) => DATE_FIELDS.has(String(i.path[0])))
      ? 'RATES.INVALID_DATE'
      : (GENERIC_CODE[error.code] ?? error.code);
  const { stack: _stack, ...data } = shape.data;
  const message =
    error.code === 'INTERNAL_SERVER_ERROR' ? 'internal error' : issues ? describeIssues(issues) : shape.message;
  return { ...shape, message, data: { ...data, error: domainCode, ...(issues ? { issues } : {}) } };
}
