/** A provider that can name the currencies it quotes (Fixer's `/symbols`). */
export interface CurrencyNameSource {
  fetchCurrencyNames(signal?: AbortSignal): Promise<Record<string, string>>;
}

export const isCurrencyNameSource = (p: object): p is CurrencyNameSource =>
  typeof (p as Partial<CurrencyNameSource>).fetchCurrencyNames === 'function';
