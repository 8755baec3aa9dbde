import { MongoClient } from 'mongodb';
import * as assert from 'uvu/assert';
import { toTRPCError } from '../../../src/adapters/http/errors.js';
import { MongoRateRepository } from '../../../src/adapters/mongo/mongo-rate-repository.js';
import { inDomainWords } from '../../../src/adapters/mongo/outages-as-domain-errors.js';
import { isStorageUnavailable } from '../../../src/adapters/mongo/storage-unavailable.js';
import { StorageUnavailableError } from '../../../src/domain/errors.js';
import { currency } from '../../../src/domain/currency.js';
import { isoDate } from '../../../src/domain/iso-date.js';
import { testDb } from '../../support/mongo.js';
import { seedDays } from '../../support/seed-rates.js';
import { suite } from '../../support/suite.js';
import { freePort } from '../../support/free-port.js';

const t = suite('storage unavailable: which failures are a 503');

t('the driver failing to reach a server is unavailable storage, and maps to 503', async () => {
  const client = new MongoClient(`mongodb://127.0.0.1:${await freePort()}/`, { serverSelectionTimeoutMS: 300 });
  const e = await client
    .db('x')
    .collection('y')
    .findOne({})
    .then(
      () => undefined,
      (x: unknown) => x,
    );
  await client.close();
  assert.ok(e instanceof Error, 'the read failed');
  assert.ok(isStorageUnavailable(e), (e as Error).name);
  assert.is(toTRPCError(inDomainWords(e)).code, 'SERVICE_UNAVAILABLE');
});

t(
  'a Mongo adapter reports an unreachable server as the domain StorageUnavailableError, never a driver class',
  async () => {
    const client = new MongoClient(`mongodb://127.0.0.1:${await freePort()}/`, { serverSelectionTimeoutMS: 300 });
    const repo = new MongoRateRepository(client.db('x'));
    const e = await repo.findByDate(isoDate('2024-01-02'), currency('EUR')).then(
      () => undefined,
      (x: unknown) => x,
    );
    await client.close();
    assert.ok(e instanceof StorageUnavailableError, (e as Error).name);
    assert.is((e as StorageUnavailableError).code, 'STORAGE.UNAVAILABLE');
    assert.is(toTRPCError(e).code, 'SERVICE_UNAVAILABLE');
  },
);

t("a socket error the driver passes through unwrapped (Node's EPIPE) is unavailable storage", () => {
  // The shape Node gives a write to a socket whose peer has gone (net's writeAfterFIN).
  const epipe = Object.assign(new Error('This socket has been ended by the other party'), { code: 'EPIPE' });
  assert.ok(isStorageUnavailable(epipe));
  assert.is(toTRPCError(inDomainWords(epipe)).code, 'SERVICE_UNAVAILABLE');
  assert.ok(isStorageUnavailable(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' })));
});

t('a server that answers with an error is not an outage: that stays a 500', async () => {
  const db = await testDb();
  try {
    const c = db.db.collection<{ _id: string }>('dupes');
    await c.insertOne({ _id: 'a' });
    const e = await c.insertOne({ _id: 'a' }).then(
      () => undefined,
      (x: unknown) => x,
    );
    assert.ok(e instanceof Error, 'the duplicate insert failed');
    assert.not.ok(isStorageUnavailable(e), (e as Error).name);
    assert.is(toTRPCError(inDomainWords(e)).code, 'INTERNAL_SERVER_ERROR');
  } finally {
    await db.drop();
  }
});

t('a bug of ours is not an outage', () => {
  assert.not.ok(isStorageUnavailable(new TypeError("Cannot read properties of undefined (reading 'rates')")));
  assert.not.ok(isStorageUnavailable('EPIPE'));
  assert.not.ok(isStorageUnavailable(Object.assign(new Error('no such file'), { code: 'ENOENT' })));
});

t('a read that may scan stops at its time limit, as unavailable storage (503); without one it completes', async () => {
  const db = await testDb();
  try {
    const dates = await seedDays(db.db, isoDate('2024-06-30'), 200);
    const [from, to] = [dates[0]!, dates.at(-1)!];
    const unlimited = new MongoRateRepository(db.db);
    assert.is((await unlimited.findRange(from, to, currency('EUR'))).length, 200);
    // 1 ms: far less than a scan of 200 days of every currency takes on any server.
    const limited = new MongoRateRepository(db.db, { scanTimeMs: 1 });
    const e = await limited.findRange(from, to, currency('EUR')).then(
      () => undefined,
      (x: unknown) => x,
    );
    assert.ok(e instanceof StorageUnavailableError, `stopped: ${String(e)}`);
    assert.is(toTRPCError(e).code, 'SERVICE_UNAVAILABLE');
    // A key lookup takes no limit: one day is still read by its key.
    assert.ok(await limited.findByDate(from, currency('EUR')));
  } finally {
    await db.drop();
  }
});

t.run();
