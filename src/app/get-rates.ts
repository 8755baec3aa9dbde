import { inject, injectable } from 'tsyringe';
import { parseCurrency, STORAGE_BASE, type CurrencyCode } from '../domain/currency.js';
import type { DailyRates, RateTable } from '../domain/daily-rates.js';
import { FutureDateError, RatesNotFoundError, UnknownCurrencyError, type DomainError } from '../domain/errors.js';
import { parseIsoDate, utcDateOf, type IsoDate } from '../domain/iso-date.js';
import type { RateRepository } from '../domain/rate-repository.js';
import { pickSymbols, rebase } from '../domain/rebase.js';
import { err, ok, type Result } from '../domain/result.js';
import { TOKENS, type Clock } from './tokens.js';

export interface GetRatesQuery {
  readonly date: string;
  readonly base?: string | undefined;
  readonly symbols?: readonly string[] | undefined;
}

/** A day's rates as served: against the asked base, filtered, with where they came from. */
export interface RatesView {
  readonly date: IsoDate;
  readonly base: CurrencyCode;
  readonly rates: RateTable;
  /** The stored day the numbers were derived from. */
  readonly source: DailyRates;
}

/** Rates of one stored day, against any base, for some or all currencies. */
@injectable()
export class GetRates {
  constructor(
    @inject(TOKENS.RateRepository) private readonly repo: RateRepository,
    @inject(TOKENS.Clock) private readonly now: Clock,
    @inject(TOKENS.Config) private readonly config: { readonly DEFAULT_BASE: string },
  ) {}

  async execute(query: GetRatesQuery): Promise<Result<RatesView, DomainError>> {
    const date = parseIsoDate(query.date);
    if (!date.ok) return date;
    const today = utcDateOf(this.now());
    if (date.value > today) return err(new FutureDateError(date.value, today));
    const base = parseCurrency(query.base ?? this.config.DEFAULT_BASE);
    if (!base.ok) return base;
    const symbols: CurrencyCode[] = [];
    for (const s of query.symbols ?? []) {
      const code = parseCurrency(s);
      if (!code.ok) return code;
      symbols.push(code.value);
    }

    const stored = await this.repo.findByDate(date.value, STORAGE_BASE);
    if (!stored) return err(new RatesNotFoundError(date.value));
    return view(stored, base.value, symbols);
  }
}

/** Rebases and filters a stored day; an unknown base or symbol is an error, never silently dropped. */
export function view(stored: DailyRates, base: CurrencyCode, symbols: readonly CurrencyCode[]): Result<RatesView, DomainError> {
  const rebased = rebase(stored.rates, stored.base, base);
  if (!rebased) return err(new UnknownCurrencyError([base], stored.date));
  if (symbols.length === 0) return ok({ date: stored.date, base, rates: rebased, source: stored });
  const picked = pickSymbols(rebased, symbols);
  if (picked.missing.length > 0) return err(new UnknownCurrencyError(picked.missing, stored.date));
  return ok({ date: stored.date, base, rates: picked.rates, source: stored });
}
