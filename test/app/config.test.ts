import * as assert from 'uvu/assert';
import { ConfigError, parseConfig } from '../../src/app/config.js';
import { suite } from '../support/suite.js';

const t = suite('config');

t('defaults describe a local service on the embedded database, ingesting from the ECB', () => {
  const c = parseConfig({});
  assert.is(c.PORT, 8080);
  assert.is(c.HOST, '127.0.0.1');
  assert.is(c.MONGODB_URI, undefined);
  assert.is(c.MONGODB_DB, 'fxrates');
  assert.is(c.DEFAULT_BASE, 'EUR');
  assert.is(c.FIXER_AUTH, 'query');
  assert.is(c.INGEST_ENABLED, true);
  assert.equal(c.PROVIDERS, ['ecb']);
});

t('derives the Fixer key style from the URL, and prefers Fixer with a key', () => {
  const c = parseConfig({ FIXER_BASE_URL: 'https://api.apilayer.com/fixer', FIXER_API_KEY: 'k' });
  assert.is(c.FIXER_AUTH, 'header');
  assert.equal(c.PROVIDERS, ['fixer', 'ecb']);
  assert.equal(parseConfig({ PROVIDERS: 'ecb,fixer,ecb' }).PROVIDERS, ['ecb', 'fixer']);
  assert.is(parseConfig({ INGEST_ENABLED: 'false' }).INGEST_ENABLED, false);
  assert.is(
    parseConfig({ FIXER_BASE_URL: 'https://api.apilayer.com/fixer/', FIXER_AUTH: 'query' }).FIXER_AUTH,
    'query',
  );
});

t('treats empty values as unset', () => {
  assert.is(parseConfig({ MONGODB_URI: '', PORT: '' }).PORT, 8080);
});

t('names every bad variable and never echoes a secret', () => {
  try {
    parseConfig({ PORT: 'eighty', MONGODB_URI: 'postgres://u:secretpw@h', DEFAULT_BASE: 'euro' });
    assert.unreachable('should throw');
  } catch (e) {
    assert.instance(e, ConfigError);
    const msg = (e as Error).message;
    for (const name of ['PORT', 'MONGODB_URI', 'DEFAULT_BASE']) assert.match(msg, name);
    assert.not.match(msg, 'secretpw');
  }
});

t('TRUST_PROXY: unset, a hop count, or addresses and subnets; anything else stops the start', () => {
  assert.is(parseConfig({}).TRUST_PROXY, undefined);
  assert.equal(parseConfig({ TRUST_PROXY: '2' }).TRUST_PROXY, { hops: 2 });
  assert.equal(parseConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8,fd00::1' }).TRUST_PROXY, {
    addresses: ['loopback', '10.0.0.0/8', 'fd00::1'],
  });
  assert.throws(() => parseConfig({ TRUST_PROXY: 'true' }), /TRUST_PROXY: invalid IP address: true/);
  assert.throws(() => parseConfig({ TRUST_PROXY: '10.0.0.0/99' }), /TRUST_PROXY/);
});

t.run();
