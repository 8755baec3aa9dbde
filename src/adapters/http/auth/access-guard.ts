import { grants, type Caller, type Role } from '../../../app/api-keys.js';
import { AuthRequiredError, ForbiddenError, InvalidApiKeyError } from './auth-errors.js';
import type { DomainError } from '../../../domain/errors.js';

/** Who may call a procedure: `read` routes need a key only under AUTH_REQUIRED; `admin` always. */
export type Access = 'public' | Role;

/**
 * Why `caller` may not call a procedure of `access`, or undefined when it may. A key that is presented
 * but unknown is refused even where none is needed: a client with a wrong key should learn so at once.
 * Used by the procedures and, before any body is read, by the HTTP edge.
 */
export function accessRefusal(caller: Caller, access: Access, authRequired: boolean): DomainError | undefined {
  if (caller.kind === 'invalid') return new InvalidApiKeyError();
  if (access === 'public') return undefined;
  const mustHaveKey = access === 'admin' || authRequired;
  if (caller.kind === 'anonymous') return mustHaveKey ? new AuthRequiredError() : undefined;
  if (mustHaveKey && !grants(caller.role, access)) return new ForbiddenError(access);
  return undefined;
}
