import * as assert from 'uvu/assert';
import { currency } from '../../src/domain/currency.js';
import { pickSymbols, rebase, roundDerived } from '../../src/domain/rebase.js';
import { suite } from '../support/suite.js';

const t = suite('rebase and pickSymbols');
const EUR = currency('EUR');
const USD = currency('USD');
const source = { EUR: 1, USD: 1.093434, GBP: 0.862, BTC: 3.9823669e-5 };

t('same base returns the source values untouched', () => {
  assert.equal(rebase(source, EUR, EUR), source);
});

t('same base adds the base at 1 when the provider left it out', () => {
  assert.equal(rebase({ USD: 1.1 }, EUR, EUR), { USD: 1.1, EUR: 1 });
});

t('cross rates are rate[q] / rate[base], rounded to 9 significant digits', () => {
  const r = rebase(source, EUR, USD);
  // 30-digit decimal arithmetic: 0.862/1.093434 = 0.788342048994..., 1/1.093434 = 0.914549940828...,
  // 3.9823669e-5/1.093434 = 3.642073412...e-5
  assert.equal(r, { EUR: 0.914549941, USD: 1, GBP: 0.788342049, BTC: 0.0000364207341 });
});

t('no float noise in derived values', () => {
  assert.is(roundDerived(0.1 + 0.2), 0.3);
  assert.is(rebase({ EUR: 1, AAA: 0.3, BBB: 0.1 }, EUR, currency('BBB'))?.AAA, 3);
});

t('an unknown base gives null instead of NaN or Infinity', () => {
  assert.is(rebase(source, EUR, currency('XYZ')), null);
  assert.is(rebase({ EUR: 1, ZZZ: 0 }, EUR, currency('ZZZ')), null);
});

t('pickSymbols keeps the order asked and reports what is missing', () => {
  assert.equal(pickSymbols(source, [currency('GBP'), currency('EUR')]), { rates: { GBP: 0.862, EUR: 1 }, missing: [] });
  assert.equal(pickSymbols(source, [currency('GBP'), currency('XYZ')]).missing, ['XYZ']);
});

t.run();
