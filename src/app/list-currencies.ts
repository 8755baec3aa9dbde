import { inject, injectable } from 'tsyringe';
import type { CurrencyCatalog, CurrencyInfo } from '../domain/currency-catalog.js';
import type { RatesChangeFeed } from './rates-change-feed.js';
import { TOKENS } from './tokens.js';

/**
 * Every currency with a stored rate: its name where known, and its first and last date. The list is
 * kept until the change feed reports any change (any stored day may widen a span; names change the
 * catalog alone), in this process or, through the data generation, in another.
 */
@injectable()
export class ListCurrencies {
  private kept: Promise<CurrencyInfo[]> | null = null;
  /** Bumped on every change: a read that started before one is not kept. */
  private generation = 0;

  constructor(
    @inject(TOKENS.CurrencyCatalog) private readonly catalog: CurrencyCatalog,
    @inject(TOKENS.RatesChangeFeed) feed: RatesChangeFeed,
  ) {
    feed.subscribe(() => {
      this.generation++;
      this.kept = null;
    });
  }

  execute(): Promise<CurrencyInfo[]> {
    if (this.kept) return this.kept;
    const generation = this.generation;
    const read = this.catalog.list();
    // Concurrent requests share the read; a failure is not kept.
    if (generation === this.generation) this.kept = read;
    read.catch(() => {
      if (this.kept === read) this.kept = null;
    });
    return read;
  }
}
