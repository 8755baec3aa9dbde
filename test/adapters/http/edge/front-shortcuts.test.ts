import * as assert from 'uvu/assert';
import { FrontShortcuts } from '../../../../src/adapters/http/edge/front-shortcuts.js';
import type { Kept } from '../../../../src/adapters/http/edge/response-cache.js';
import { suite } from '../../../support/suite.js';

const test = suite('edge cache front: remembered entries per request target');

const handle = (key: string): Kept => ({ key, entry: undefined, touched: 0 });

test('a target gives back the handle remembered for the same kind of caller only', () => {
  const s = new FrontShortcuts();
  const kept = handle('anonymous\n/rates/2024-01-02');
  s.remember('/rates/2024-01-02', 'anonymous', kept);
  assert.is(s.get('/rates/2024-01-02', 'anonymous'), kept);
  assert.is(s.get('/rates/2024-01-02', 'read'), undefined, 'another audience looks its own key up');
  assert.is(s.get('/rates/2024-01-02/', 'anonymous'), undefined, 'another raw target');
  const forReader = handle('read\n/rates/2024-01-02');
  s.remember('/rates/2024-01-02', 'read', forReader);
  assert.is(s.get('/rates/2024-01-02', 'read'), forReader, 'the last one found is remembered');
});

test('the targets remembered are bounded: past the bound it starts over', () => {
  const s = new FrontShortcuts();
  const first = handle('first');
  s.remember('/first', 'anonymous', first);
  for (let i = 0; i < 19_999; i++) s.remember(`/t${i}`, 'anonymous', handle(`t${i}`));
  assert.is(s.get('/first', 'anonymous'), first, 'within the bound');
  s.remember('/over', 'anonymous', handle('over'));
  assert.is(s.get('/first', 'anonymous'), undefined, 'forgotten once the bound was reached');
  assert.ok(s.get('/over', 'anonymous'));
});

test.run();
