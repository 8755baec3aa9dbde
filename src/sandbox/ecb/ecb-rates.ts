import type { IsoDate } from '../../domain/iso-date.js';
import { syntheticRates } from '../fixer/synthetic-rates.js';

/** The currencies of the ECB's reference rates today, in the ECB's order. */
export const ECB_CURRENCIES: readonly string[] = `
  USD JPY BGN CZK DKK GBP HUF PLN RON SEK CHF ISK NOK TRY AUD
  BRL CAD CNY HKD IDR ILS INR KRW MXN MYR NZD PHP SGD THB ZAR
`
  .trim()
  .split(/\s+/);

/**
 * SYNTHETIC rates for `date` as the ECB writes them: attribute texts with 5 significant digits
 * (`1.0956`, `157.12`, `0.86205`). They are the Fixer sandbox's final values for the same day rounded,
 * so the two sandboxes agree closely, as the real providers do, without being equal.
 */
export function ecbRateTexts(date: IsoDate): [currency: string, rate: string][] {
  const rates = syntheticRates(date, 'EUR', ECB_CURRENCIES);
  return ECB_CURRENCIES.map((code) => [code, String(Number(rates[code]!.toPrecision(5)))]);
}
