/** The sentence the original service answered for any date it could not serve as asked (kept word for word). */
export const INVALID_DATE_SENTENCE = 'Invalid date - please provide a date in the past, in the format YYYY-MM-DD';

/** The human sentence of each stable code: what `error` says, whatever the detail in `message`. */
const SENTENCES: Readonly<Record<string, string>> = {
  'RATES.INVALID_DATE': INVALID_DATE_SENTENCE,
  'RATES.FUTURE_DATE': INVALID_DATE_SENTENCE,
  'RATES.INVALID_CURRENCY': 'Invalid currency code',
  'RATES.UNKNOWN_CURRENCY': 'No rate for that currency on that day',
  'RATES.INVALID_RANGE': 'Invalid range - from must not be after to',
  'RATES.RANGE_TOO_LARGE': 'Range too large',
  'RATES.INVALID_AMOUNT': 'Invalid amount',
  'RATES.NOT_FOUND': 'No rates stored for that date',
  'RATES.INVALID_AS_OF': 'Invalid as_of - please provide an RFC 3339 instant or a date (YYYY-MM-DD)',
  'RATES.FUTURE_AS_OF': 'Invalid as_of - it must not be in the future',
  'RATES.NOT_STORED_AT': 'No rates were stored for that date at that instant',
  'PROVIDER.NO_PUBLICATION': 'The provider published no rates for that date',
  'PROVIDER.FAILED': 'The rates provider failed',
  'REQUEST.INVALID': 'Invalid request',
  'REQUEST.METHOD_NOT_ALLOWED': 'Method not allowed',
  'REQUEST.TOO_LARGE': 'Request body too large',
  'REQUEST.BATCH_TOO_LARGE': 'Batch too large',
  'REQUEST.DEADLINE_EXCEEDED': 'The request took too long',
  'SERVICE.OVERLOADED': 'The service is overloaded',
  'REQUEST.UNSUPPORTED_MEDIA_TYPE': 'Unsupported media type - send application/json',
  'ROUTE.NOT_FOUND': 'Not found',
  'AUTH.REQUIRED': 'An API key is required',
  'AUTH.INVALID_KEY': 'Unknown API key',
  'AUTH.FORBIDDEN': 'This API key may not do that',
  'INGEST.BUSY': 'An ingestion is already running',
  'INGEST.NO_PROVIDER': 'No provider is configured',
  RATE_LIMITED: 'Too many requests',
  'STORAGE.UNAVAILABLE': 'The rates database is unavailable',
  INTERNAL: 'Internal error',
};

export interface Issue {
  readonly path: readonly (string | number)[];
  readonly message: string;
  readonly code?: string | undefined;
}

/**
 * The one shape of every error body over REST: `error` a human sentence (the original service's
 * contract), `code` the stable code to branch on, `message` the detail of this case, `issues` what
 * was wrong with which parameter when there is more than one thing to say.
 */
export interface ErrorBody {
  readonly error: string;
  readonly code: string;
  readonly message: string;
  readonly issues?: readonly Issue[] | undefined;
}

export function errorBody(code: string, message: string, issues?: readonly Issue[]): ErrorBody {
  return { error: SENTENCES[code] ?? message, code, message, ...(issues && issues.length > 0 ? { issues } : {}) };
}
