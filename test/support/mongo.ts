import { randomBytes } from 'node:crypto';
import { MongoClient, type Db } from 'mongodb';
import { MongoMemoryServer } from 'mongodb-memory-server';

/**
 * The MongoDB-wire server the tests talk to: `MONGODB_URI` when set (`.ci/run` starts FerretDB and
 * sets it), otherwise mongodb-memory-server. Never skips: without either, Mongo tests fail saying why.
 */
let shared: Promise<{ client: MongoClient; uri: string; memory?: MongoMemoryServer }> | undefined;

async function connect(): Promise<{ client: MongoClient; uri: string; memory?: MongoMemoryServer }> {
  let uri = process.env.MONGODB_URI;
  let memory: MongoMemoryServer | undefined;
  if (!uri) {
    try {
      memory = await MongoMemoryServer.create();
      uri = memory.getUri();
    } catch (e) {
      throw new Error(
        'No MongoDB server for the tests: MONGODB_URI is not set and mongodb-memory-server could not start ' +
          `(${(e as Error).message.split('\n')[0]}). Set MONGODB_URI=mongodb://127.0.0.1:27017/ to a running ` +
          'server, or run `bash .ci/run`, which builds and starts FerretDB.',
        { cause: e },
      );
    }
  }
  const client = await MongoClient.connect(uri, { serverSelectionTimeoutMS: 5000 });
  return memory ? { client, uri, memory } : { client, uri };
}

export interface TestDb {
  readonly db: Db;
  readonly client: MongoClient;
  /** Connection string of the server (without a database name). */
  readonly uri: string;
  readonly name: string;
  drop(): Promise<void>;
}

/** A fresh, uniquely named database on the shared test server; `drop()` removes it. */
export async function testDb(): Promise<TestDb> {
  shared ??= connect();
  const { client, uri } = await shared;
  const name = `fxrates_test_${randomBytes(4).toString('hex')}`;
  const db = client.db(name);
  return { db, client, uri, name, drop: async () => void (await db.dropDatabase()) };
}

/** Closes the shared connection (and the memory server); the test runner calls it at the end. */
export async function closeTestMongo(): Promise<void> {
  if (!shared) return;
  const { client, memory } = await shared.catch(() => ({ client: undefined, memory: undefined }));
  await client?.close();
  await memory?.stop();
  shared = undefined;
}
