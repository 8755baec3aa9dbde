/**
 * Query keys named like `Object.prototype` members, which the caller refuses. trpc-to-openapi collects
 * the query into a plain `{}` (from the Fetch Request it builds, not from anything set on ours), so
 * `?constructor=1` would meet an inherited function there and in the input schemas; no parameter of
 * ours has such a name. Refusing them is the whole defence.
 */
export function refusedQueryKeys(url: string | undefined): string[] {
  const at = url?.indexOf('?') ?? -1;
  if (at < 0) return [];
  const refused: string[] = [];
  for (const key of new URLSearchParams(url!.slice(at + 1)).keys()) if (key in Object.prototype) refused.push(key);
  return refused;
}
