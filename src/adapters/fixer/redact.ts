const KEY_PARAMS = /((?:access_key|apikey)=)[^&#\s"']*/gi;

/**
 * Removes the API key from text bound for logs or errors: the key itself (raw and URL-encoded), and any
 * `access_key=`/`apikey=` parameter value, since a URL is the usual way a classic key leaks.
 */
export function redact(text: string, secret: string): string {
  let out = text.replace(KEY_PARAMS, '$1***');
  for (const form of new Set([secret, encodeURIComponent(secret)])) {
    if (form.length > 0) out = out.split(form).join('***');
  }
  return out;
}
