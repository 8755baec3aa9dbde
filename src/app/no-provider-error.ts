import { DomainError } from '../domain/errors.js';

/** An ingestion was asked for, but no provider is configured (FIXER_API_KEY unset, or PROVIDERS). */
export class NoProviderError extends DomainError {
  readonly code = 'INGEST.NO_PROVIDER';
  constructor() {
    super('no rate provider is configured to ingest from');
  }
}
