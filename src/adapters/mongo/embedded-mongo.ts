import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { MongoMemoryServer } from 'mongodb-memory-server';

/**
 * Starts a private `mongod` keeping its files in `dir`, so data survives restarts. The first start
 * downloads the binary once (cached by mongodb-memory-server); package.json keeps its download
 * retries low so that a machine without internet gets the error in seconds.
 */
export async function startEmbeddedMongo(dir: string): Promise<{ uri: string; stop(): Promise<void> }> {
  const dbPath = resolve(dir);
  await mkdir(dbPath, { recursive: true });
  let server: MongoMemoryServer;
  try {
    server = await MongoMemoryServer.create({ instance: { dbPath, storageEngine: 'wiredTiger' } });
  } catch (e) {
    const reason = (e as Error).message.replace(/\s+/g, ' ').trim();
    throw new Error(
      `The embedded MongoDB could not start (${reason}). Either give it internet access once so it can ` +
        'download mongod, or set MONGODB_URI to a running MongoDB-compatible server, e.g. ' +
        'MONGODB_URI=mongodb://127.0.0.1:27017/',
      { cause: e },
    );
  }
  return {
    uri: server.getUri(),
    // Keep the files: they are the user's data, not a test fixture.
    stop: async () => void (await server.stop({ doCleanup: false })),
  };
}
