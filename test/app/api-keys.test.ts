import * as assert from 'uvu/assert';
import { apiKeyEntry, KeyRing, newApiKey } from '../../src/app/api-keys.js';
import { presentedKey } from '../../src/adapters/http/auth/credentials.js';
import { runKeysCommand } from '../../src/adapters/cli/keys-command.js';
import { ConfigError, parseConfig } from '../../src/main/config.js';
import { suite } from '../support/suite.js';

const t = suite('API keys: making, configuring, presenting, identifying');

const sink = () => {
  let text = '';
  return { write: (s: string) => void (text += s), text: () => text };
};

t('`fxrates keys new` prints a fresh key once and the API_KEYS entry that accepts it', () => {
  const out = sink();
  const err = sink();
  assert.is(runKeysCommand(['new', '--name', 'alice', '--role', 'admin'], out, err), 0);
  const key = /^ {2}([A-Za-z0-9_-]{43})$/m.exec(out.text())?.[1];
  const entry = /^ {2}(alice:admin:[0-9a-f]{64})$/m.exec(out.text())?.[1];
  assert.ok(key && entry, out.text());
  const config = parseConfig({ API_KEYS: entry! });
  assert.equal(new KeyRing(config.API_KEYS).identify(key), { kind: 'key', name: 'alice', role: 'admin' });
  assert.is(runKeysCommand(['new', '--name', 'a b', '--role', 'read'], out, err), 2);
  assert.is(runKeysCommand(['new', '--name', 'bob', '--role', 'root'], out, err), 2);
  assert.is(runKeysCommand(['old'], out, err), 2);
});

t('API_KEYS: several entries; a malformed or repeated one stops the start without echoing it', () => {
  const a = newApiKey();
  const b = newApiKey();
  const c = parseConfig({ API_KEYS: `${apiKeyEntry('a', 'read', a)}, ${apiKeyEntry('b', 'admin', b)}` });
  assert.equal(
    c.API_KEYS.map((e) => [e.name, e.role]),
    [
      ['a', 'read'],
      ['b', 'admin'],
    ],
  );
  assert.throws(
    () => parseConfig({ API_KEYS: `a:read:${a}` }),
    (e: Error) => e instanceof ConfigError && !e.message.includes(a),
  );
  assert.throws(() => parseConfig({ API_KEYS: `${apiKeyEntry('a', 'read', a)},${apiKeyEntry('a', 'admin', b)}` }));
  assert.throws(() => parseConfig({ API_KEYS: apiKeyEntry('a', 'write' as 'read', a) }));
});

t('identify: anonymous without a key, invalid for an unknown or empty one', () => {
  const key = newApiKey();
  const ring = new KeyRing(parseConfig({ API_KEYS: apiKeyEntry('k', 'read', key) }).API_KEYS);
  assert.equal(ring.identify(undefined), { kind: 'anonymous' });
  assert.equal(ring.identify(`${key}x`), { kind: 'invalid' });
  assert.equal(ring.identify(''), { kind: 'invalid' });
  assert.equal(new KeyRing([]).identify(key), { kind: 'invalid' });
});

t('presentedKey reads Bearer or X-API-Key, from Node or Fetch headers; another scheme is an empty key', () => {
  assert.is(presentedKey({ authorization: 'Bearer abc' }), 'abc');
  assert.is(presentedKey({ authorization: 'bearer   abc ' }), 'abc');
  assert.is(presentedKey(new Headers({ 'X-API-Key': 'xyz' })), 'xyz');
  assert.is(presentedKey({ authorization: 'Basic dTpw' }), '');
  assert.is(presentedKey({}), undefined);
});

t.run();
