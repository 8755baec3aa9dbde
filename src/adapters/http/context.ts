import type { GetRates } from '../../app/get-rates.js';

/** What procedures get: the use cases they call, resolved once in the composition root. */
export interface ApiContext {
  readonly getRates: GetRates;
}
