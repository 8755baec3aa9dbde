/**
 * A one-line account of a failed `fetch` or body read: the cause's code and message (undici puts the
 * useful part, e.g. `ECONNREFUSED`, in `cause`). Never the error itself, whose chain may hold the URL.
 */
export function networkErrorText(e: unknown): string {
  const err = e as { message?: unknown; cause?: { code?: unknown; message?: unknown; hostname?: unknown } };
  const code = typeof err.cause?.code === 'string' ? err.cause.code : undefined;
  if (code === 'ENOTFOUND' && typeof err.cause?.hostname === 'string') {
    return `${err.cause.hostname} could not be resolved (ENOTFOUND)`;
  }
  const message = [err.cause?.message, err.message].find((m) => typeof m === 'string' && m !== '') as
    string | undefined;
  if (!message) return code ?? 'network error';
  // Node's messages often hold the code already ("connect ECONNREFUSED 127.0.0.1:80"): say it once.
  return code && !message.includes(code) ? `${message} (${code})` : message;
}
