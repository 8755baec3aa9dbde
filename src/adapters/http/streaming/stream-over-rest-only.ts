import { DomainError } from '../../../domain/errors.js';

/** NDJSON and CSV are HTTP streams: tRPC answers JSON only. */
export class StreamOverRestOnly extends DomainError {
  readonly code = 'REQUEST.FORMAT_NOT_SUPPORTED';
  constructor() {
    super('format=ndjson and format=csv are served by GET /rates over REST; tRPC answers JSON');
  }
}
