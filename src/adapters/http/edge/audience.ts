import type { Caller } from '../../../app/api-keys.js';

/**
 * Whom a kept answer may be replayed to, by what the caller may see (anonymous, read key, admin key),
 * so no answer crosses from one kind to another; undefined: this caller is never served from the
 * cache (an invalid key, or no key where keys are required: the procedure would refuse it).
 */
export function audienceOf(caller: Caller, authRequired: boolean): string | undefined {
  if (caller.kind === 'invalid') return undefined;
  if (caller.kind === 'anonymous') return authRequired ? undefined : 'anonymous';
  return caller.role;
}
