import * as assert from 'uvu/assert';
import { WriteBatch } from '../../../../src/adapters/http/edge/write-batch.js';
import { suite } from '../../../support/suite.js';

const t = suite('write batch', {});
const turnEnds = () => new Promise<void>((resolve) => setImmediate(resolve));

t('writes handed in during one turn run together after it, in order, none at once', async () => {
  const batch = new WriteBatch(64);
  const ran: number[] = [];
  for (let i = 0; i < 5; i++) batch.add(() => ran.push(i));
  assert.equal(ran, [], 'nothing is written while the turn still reads requests');
  await turnEnds();
  assert.equal(ran, [0, 1, 2, 3, 4]);
  batch.add(() => ran.push(5));
  await turnEnds();
  assert.equal(ran, [0, 1, 2, 3, 4, 5], 'a later turn gets a batch of its own');
});

t('a batch that reaches its bound is written at once; what follows waits for the turn', async () => {
  const batch = new WriteBatch(3);
  const ran: number[] = [];
  for (let i = 0; i < 4; i++) batch.add(() => ran.push(i));
  assert.equal(ran, [0, 1, 2], 'the third write flushed the batch');
  await turnEnds();
  assert.equal(ran, [0, 1, 2, 3]);
});

t.run();
