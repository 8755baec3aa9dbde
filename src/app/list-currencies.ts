import { inject, injectable } from 'tsyringe';
import type { CurrencyCatalog, CurrencyInfo } from '../domain/currency-catalog.js';
import { TOKENS } from './tokens.js';

/** Every currency with a stored rate: its name where known, and its first and last date. */
@injectable()
export class ListCurrencies {
  constructor(@inject(TOKENS.CurrencyCatalog) private readonly catalog: CurrencyCatalog) {}

  execute(): Promise<CurrencyInfo[]> {
    return this.catalog.list();
  }
}
