import { apiKeyEntry, newApiKey, type Role } from '../../src/app/api-keys.js';

export interface Answer {
  readonly status: number;
  readonly headers: Headers;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests poke at JSON bodies
  readonly body: any;
}

/** One HTTP call with an optional JSON body; the answer's body parsed when it is JSON. */
export async function call(
  base: string,
  path: string,
  init: { method?: string; headers?: Record<string, string>; json?: unknown } = {},
): Promise<Answer> {
  const headers = { ...(init.json !== undefined ? { 'content-type': 'application/json' } : {}), ...init.headers };
  const res = await fetch(`${base}${path}`, {
    method: init.method ?? (init.json !== undefined ? 'POST' : 'GET'),
    headers,
    ...(init.json !== undefined ? { body: JSON.stringify(init.json) } : {}),
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    // not JSON: keep the text
  }
  return { status: res.status, headers: res.headers, body };
}

/** A tRPC query over HTTP, as the typed client sends it (no transformer). */
export const trpcQuery = (base: string, path: string, input: unknown, headers: Record<string, string> = {}) =>
  call(base, `/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`, { headers });

export const trpcMutation = (base: string, path: string, input: unknown, headers: Record<string, string> = {}) =>
  call(base, `/trpc/${path}`, { method: 'POST', json: input, headers });

export interface TestKey {
  readonly name: string;
  readonly role: Role;
  readonly key: string;
  readonly bearer: Record<string, string>;
  readonly header: Record<string, string>;
}

/** A fresh key and the headers that present it either way. */
export function testKey(name: string, role: Role): TestKey {
  const key = newApiKey();
  return { name, role, key, bearer: { authorization: `Bearer ${key}` }, header: { 'x-api-key': key } };
}

/** The API_KEYS value for `keys`. */
export const apiKeysEnv = (...keys: TestKey[]): string => keys.map((k) => apiKeyEntry(k.name, k.role, k.key)).join(',');
