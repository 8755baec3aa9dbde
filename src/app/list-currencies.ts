import { inject, injectable } from 'tsyringe';
import type { CurrencyCatalog, CurrencyInfo } from '../domain/currency-catalog.js';
import { catalogValidity, type AnswerValidity } from './answer-validity.js';
import type { RatesChangeFeed } from './rates-change-feed.js';
import { TOKENS } from './tokens.js';

export interface CurrencyList {
  readonly currencies: CurrencyInfo[];
  readonly validity: AnswerValidity;
}

/**
 * Every currency with a stored rate: its name where known, and its first and last date. The list is
 * kept until the change feed reports any change (any stored day may widen a span; names change the
 * catalog alone), in this process or, through the data generation, in another.
 */
@injectable()
export class ListCurrencies {
  private kept: Promise<CurrencyList> | null = null;
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

  execute(): Promise<CurrencyList> {
    if (this.kept) return this.kept;
    const generation = this.generation;
    const read = this.catalog.list().then((currencies) => ({ currencies, validity: catalogValidity() }));
    // Concurrent requests share the read; a failure is not kept.
    if (generation === this.generation) this.kept = read;
    read.catch(() => {
      if (this.kept === read) this.kept = null;
    });
    return read;
  }
}
