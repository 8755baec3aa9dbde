import { mkdir, rmdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { MongoMemoryServer } from 'mongodb-memory-server';

/** mongodb-memory-server prints this, with the whole stack, before it throws; our own message says it better. */
const LIBRARY_FAILURE_NOTICE = 'Starting the MongoMemoryServer Instance failed';

/**
 * Starts a private `mongod` keeping its files in `dir`, so data survives restarts. The first start
 * downloads the binary once (cached by mongodb-memory-server); package.json keeps its download
 * retries low so that a machine without internet gets the error in seconds. A start that fails says
 * what to do in one paragraph and leaves no empty data directory behind.
 * The package is an optional dependency loaded only here: a production install (`npm ci --omit=dev
 * --omit=optional`, as in the Docker image) leaves it out and must be given MONGODB_URI.
 */
export async function startEmbeddedMongo(dir: string): Promise<{ uri: string; stop(): Promise<void> }> {
  const { MongoMemoryServer } = await loadMongoMemoryServer();
  const dbPath = resolve(dir);
  const created = await mkdir(dbPath, { recursive: true });
  let server: MongoMemoryServer;
  const warn = console.warn;
  console.warn = (...args: unknown[]) => {
    if (typeof args[0] === 'string' && args[0].startsWith(LIBRARY_FAILURE_NOTICE)) return;
    warn(...args);
  };
  try {
    server = await MongoMemoryServer.create({ instance: { dbPath, storageEngine: 'wiredTiger' } });
  } catch (e) {
    if (created !== undefined) await removeEmptyDirs(dbPath, created);
    throw new Error(embeddedFailure(e), { cause: e });
  } finally {
    console.warn = warn;
  }
  return {
    uri: server.getUri(),
    // Keep the files: they are the user's data, not a test fixture.
    stop: async () => void (await server.stop({ doCleanup: false })),
  };
}

function embeddedFailure(e: unknown): string {
  const err = e as Error & { cause?: { code?: unknown } };
  const reason = [err.message, typeof err.cause?.code === 'string' ? err.cause.code : undefined]
    .filter(Boolean)
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
  return (
    `the embedded MongoDB could not start: mongod is not on this machine yet and could not be ` +
    `downloaded, or would not run (${reason}). Either set MONGODB_URI to a running MongoDB 4.4+ or ` +
    'FerretDB server (e.g. MONGODB_URI=mongodb://127.0.0.1:27017/ npm start), or let the one-time ' +
    'download happen: it needs internet access (HTTPS_PROXY is honoured); see mongodb-memory-server for ' +
    'MONGOMS_SYSTEM_BINARY to use a mongod already installed.'
  );
}

/** Removes `path` and its parents up to `top` (the first directory this start created), if they are empty. */
async function removeEmptyDirs(path: string, top: string): Promise<void> {
  for (let p = path; p.startsWith(top); p = dirname(p)) {
    try {
      await rmdir(p);
    } catch {
      return; // not empty (or gone): leave it and everything above it
    }
    if (p === top) return;
  }
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
