import * as assert from 'uvu/assert';
import { ConfigError, parseConfig } from '../../src/main/config.js';
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
  const c = parseConfig({
    FIXER_BASE_URL: 'https://api.apilayer.com/fixer',
    FIXER_API_KEY: '0123456789abcdef0123456789abcdef',
  });
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

/** The one message line for VAR, or fails showing the whole message. */
function refusal(env: Record<string, string>, variable: string): string {
  try {
    parseConfig(env);
  } catch (e) {
    assert.instance(e, ConfigError);
    const line = (e as Error).message.split('\n').find((l) => l.trim().startsWith(`${variable}:`));
    assert.ok(line, `no line for ${variable} in:\n${(e as Error).message}`);
    return line!;
  }
  throw new Error(`${JSON.stringify(env)} was accepted`);
}

t('enum-like settings accept any case', () => {
  const c = parseConfig({
    AUTH_REQUIRED: 'TRUE',
    API_KEYS: `ops:admin:${'a'.repeat(64)}`,
    PROVIDERS: 'ECB, Fixer',
    DEFAULT_BASE: 'usd',
    LOG_LEVEL: 'Warn',
    FIXER_TIMESERIES: 'OFF',
    WORKERS: 'AUTO',
  });
  assert.is(c.AUTH_REQUIRED, true);
  assert.equal(c.PROVIDERS, ['ecb', 'fixer']);
  assert.is(c.DEFAULT_BASE, 'USD');
  assert.is(c.LOG_LEVEL, 'warn');
  assert.is(c.FIXER_TIMESERIES, 'off');
  assert.ok(c.WORKERS >= 1);
});

t('every refusal names its variable and the accepted form', () => {
  assert.match(refusal({ MONGODB_URI: 'mongodb://' }, 'MONGODB_URI'), 'a host is required');
  assert.match(refusal({ HOST: '999.1.1.1' }, 'HOST'), 'must be an IP address');
  assert.match(refusal({ WORKERS: 'abc' }, 'WORKERS'), 'must be auto or a whole number from 1 to 256');
  assert.match(refusal({ PORT: 'eighty' }, 'PORT'), 'must be a whole number from 0 to 65535');
  assert.match(refusal({ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'), 'must be one of: trace, debug, info');
  assert.match(refusal({ PROVIDERS: 'fixer;ecb' }, 'PROVIDERS'), 'comma-separated list of: fixer, ecb');
  for (const key of ['abc def 0123456789', 'x', 'k'.repeat(300)]) {
    const line = refusal({ FIXER_API_KEY: key }, 'FIXER_API_KEY');
    assert.match(line, '8 to 128 characters, no spaces');
    assert.not.match(line, key, 'the key is never echoed');
  }
  // The accepted forms still pass.
  assert.is(
    parseConfig({ MONGODB_URI: 'mongodb://u:p@a:27017,b:27018/db?replicaSet=rs' }).MONGODB_URI !== undefined,
    true,
  );
  assert.is(parseConfig({ HOST: '0.0.0.0' }).HOST, '0.0.0.0');
  assert.is(parseConfig({ HOST: '::' }).HOST, '::');
  assert.is(parseConfig({ HOST: 'localhost' }).HOST, 'localhost');
});

t('AUTH_REQUIRED=true without API_KEYS refuses to start, naming API_KEYS', () => {
  assert.match(refusal({ AUTH_REQUIRED: 'true' }, 'API_KEYS'), 'AUTH_REQUIRED=true needs at least one key');
});

t.run();
