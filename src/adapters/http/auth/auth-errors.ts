import { DomainError } from '../../../domain/errors.js';
import type { Role } from '../../../app/api-keys.js';

export class AuthRequiredError extends DomainError {
  readonly code = 'AUTH.REQUIRED';
  constructor() {
    super('an API key is required: send Authorization: Bearer <key> or X-API-Key: <key>');
  }
}

export class InvalidApiKeyError extends DomainError {
  readonly code = 'AUTH.INVALID_KEY';
  constructor() {
    super('the API key is not valid');
  }
}

export class ForbiddenError extends DomainError {
  readonly code = 'AUTH.FORBIDDEN';
  constructor(needed: Role) {
    super(`this route needs a key with the ${needed} role`);
  }
}
