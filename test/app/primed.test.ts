import * as assert from 'uvu/assert';
import { primed } from '../../src/app/primed.js';
import { suite } from '../support/suite.js';

const t = suite('primed: the first read happens now, the rest lazily');

function source(log: string[], fail = false) {
  return (async function* () {
    try {
      log.push('read 1');
      if (fail) throw new Error('database down');
      yield 1;
      log.push('read 2');
      yield 2;
      log.push('read 3');
      yield 3;
    } finally {
      log.push('closed');
    }
  })();
}

t('reads the first item before returning, then replays everything in order', async () => {
  const log: string[] = [];
  const it = await primed(source(log));
  assert.equal(log, ['read 1']);
  const got: number[] = [];
  for await (const n of it) got.push(n);
  assert.equal(got, [1, 2, 3]);
  assert.equal(log, ['read 1', 'read 2', 'read 3', 'closed']);
});

t('a failing first read rejects at once', async () => {
  const log: string[] = [];
  try {
    await primed(source(log, true));
    assert.unreachable('must reject');
  } catch (e) {
    assert.is((e as Error).message, 'database down');
  }
});

t('stopping early, even before reading the replayed item, closes the source', async () => {
  const log: string[] = [];
  const never = await primed(source(log));
  await never.return?.();
  assert.equal(log, ['read 1', 'closed']);
  const early: string[] = [];
  for await (const n of await primed(source(early))) {
    if (n === 2) break;
  }
  assert.equal(early, ['read 1', 'read 2', 'closed']);
});

t('an empty source gives an empty result', async () => {
  const empty = await primed((async function* () {})());
  assert.equal((await empty.next()).done, true);
});

t.run();
