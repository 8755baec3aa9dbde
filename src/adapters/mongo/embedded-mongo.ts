import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { MongoMemoryServer } from 'mongodb-memory-server';

/**
 * Starts a private `mongod` keeping its files in `dir`, so data survives restarts. The first start
 * downloads the binary once (cached by mongodb-memory-server); package.json keeps its download
 * retries low so that a machine without internet gets the error in seconds.
 * The package is an optional dependency loaded only here: a production install (`npm ci --omit=dev
 * --omit=optional`, as in the Docker image) leaves it out and must be given MONGODB_URI.
 */
export async function startEmbeddedMongo(dir: string): Promise<{ uri: string; stop(): Promise<void> }> {
  const { MongoMemoryServer } = await loadMongoMemoryServer();
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

async function loadMongoMemoryServer(): Promise<typeof import('mongodb-memory-server')> {
  try {
    return await import('mongodb-memory-server');
  } catch (e) {
    const missing = e as { code?: string; message?: string };
    if (missing.code !== 'ERR_MODULE_NOT_FOUND' || !missing.message?.includes("'mongodb-memory-server'")) throw e;
    throw new Error(
      'MONGODB_URI is not set, and this installation has no embedded database (mongodb-memory-server, ' +
        'an optional dependency, is not installed). Set MONGODB_URI to a MongoDB 4.4+ server, e.g. ' +
        'MONGODB_URI=mongodb://mongo:27017/',
      { cause: e },
    );
  }
}
