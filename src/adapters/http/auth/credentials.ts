import type { IncomingHttpHeaders } from 'node:http';

/** Node's headers or a Fetch `Headers`: adapters hand either to the context factory. */
export type HeaderSource = IncomingHttpHeaders | Headers;

export function headerOf(headers: HeaderSource, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const v = headers[name];
  return Array.isArray(v) ? v.join(', ') : v;
}

/**
 * The API key a request presents, the one place that reads it: `Authorization: Bearer <key>` or
 * `X-API-Key: <key>`. An Authorization header of another scheme, or an empty value, presents an
 * (invalid) empty key rather than none, so that it is refused instead of silently ignored.
 */
export function presentedKey(headers: HeaderSource): string | undefined {
  const authorization = headerOf(headers, 'authorization');
  if (authorization !== undefined) {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    return m ? m[1]! : '';
  }
  const apiKey = headerOf(headers, 'x-api-key');
  return apiKey === undefined ? undefined : apiKey.trim();
}
