import { errorBody, type ErrorBody, type Issue } from './error-body.js';

/** What trpc-to-openapi sends for an error: the tRPC shape of formatError, spread, with its own `code`/`message`. */
interface AdapterErrorBody {
  readonly message?: string;
  readonly data?: { readonly error?: string; readonly issues?: readonly Issue[]; readonly message?: string };
  readonly issues?: readonly Issue[];
}

/**
 * The REST body of a procedure's error in the one documented shape. A missing day (404 on a route
 * with a date in its path) also carries the original service's `date` (as asked) and `currency_rates: {}`.
 */
export function restErrorBody(
  status: number,
  adapterBody: string,
  pathParams: Readonly<Record<string, string>>,
): ErrorBody & { readonly date?: string; readonly currency_rates?: object } {
  let parsed: AdapterErrorBody = {};
  try {
    parsed = JSON.parse(adapterBody) as AdapterErrorBody;
  } catch {
    // not JSON: keep the defaults below
  }
  const code = parsed.data?.error ?? (status >= 500 ? 'INTERNAL' : 'REQUEST.INVALID');
  const issues = parsed.data?.issues;
  // The adapter replaces a validation failure's message with a generic one; the issues say more.
  const message =
    issues && issues.length > 0
      ? issues.map((i) => (i.path.length > 0 ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ')
      : (parsed.message ?? 'error');
  const body = errorBody(code, message, issues);
  if (status === 404 && code === 'RATES.NOT_FOUND' && pathParams.date !== undefined) {
    return { date: pathParams.date, currency_rates: {}, ...body };
  }
  return body;
}
