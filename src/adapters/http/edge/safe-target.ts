import type { IncomingMessage } from 'node:http';

/**
 * A request target the adapters can take apart safely. `//host...` is read by `new URL` as
 * scheme-relative (trpc-to-openapi then throws "Invalid URL"), so it is refused up front.
 */
export const isSafeTarget = (url: string | undefined): boolean => !!url && url.startsWith('/') && !url.startsWith('//');

/**
 * The query as trpc-to-openapi wants it (`req.query`: key → values), built on a map without a
 * prototype: its own parser collects into `{}`, so `?constructor=1` hit an inherited function. Keys
 * named like `Object.prototype` members are returned (and refused by the caller): the input schemas
 * would look them up as inherited properties too, and no parameter of ours has such a name.
 */
export function attachQuery(req: IncomingMessage): string[] {
  const query: Record<string, string[]> = Object.create(null);
  const refused: string[] = [];
  const search = new URL(req.url ?? '/', 'http://localhost').searchParams;
  for (const [key, value] of search) {
    if (key in Object.prototype) refused.push(key);
    else (query[key] ??= []).push(value);
  }
  (req as IncomingMessage & { query?: unknown }).query = query;
  return refused;
}
