/**
 * A one-line account of a failed `fetch` or body read: the cause's code and message (undici puts the
 * useful part, e.g. `ECONNREFUSED`, in `cause`). Never the error itself, whose chain may hold the URL.
 */
export function networkErrorText(e: unknown): string {
  const err = e as { message?: unknown; cause?: { code?: unknown; message?: unknown } };
  const parts = [err.cause?.code, err.cause?.message ?? err.message].filter((p) => typeof p === 'string' && p !== '');
  return parts.join(' ') || 'network error';
}
