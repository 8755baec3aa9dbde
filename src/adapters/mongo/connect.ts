import { MongoClient, type Db } from 'mongodb';
import type { Logger } from '../../domain/logger.js';
import { startEmbeddedMongo } from './embedded-mongo.js';

export interface MongoConnection {
  readonly client: MongoClient;
  readonly db: Db;
  /** Closes the client, then the embedded server if one was started. */
  close(): Promise<void>;
}

export interface MongoSettings {
  readonly uri: string | undefined;
  readonly dbName: string;
  readonly embeddedDir: string;
}

/** A request waits this long for a reachable server before failing (503), instead of the driver's 30 s. */
const SERVER_SELECTION_TIMEOUT_MS = 5000;

/** Connects to `uri`, or to an embedded server with files under `embeddedDir` when no URI is given. */
export async function connectMongo(settings: MongoSettings, logger: Logger): Promise<MongoConnection> {
  const embedded = settings.uri ? undefined : await startEmbeddedMongo(settings.embeddedDir);
  const uri = settings.uri ?? embedded!.uri;
  const client = new MongoClient(uri, { serverSelectionTimeoutMS: SERVER_SELECTION_TIMEOUT_MS, appName: 'fxrates' });
  try {
    await client.connect();
  } catch (e) {
    await embedded?.stop();
    throw new Error(`Cannot reach MongoDB at ${redactUri(uri)}: ${(e as Error).message}`, { cause: e });
  }
  logger.info(
    { database: settings.dbName, server: embedded ? `embedded (${settings.embeddedDir})` : redactUri(uri) },
    'using MongoDB',
  );
  return {
    client,
    db: client.db(settings.dbName),
    close: async () => {
      await client.close();
      await embedded?.stop();
    },
  };
}

/** The URI without its password, for logs and errors. */
export function redactUri(uri: string): string {
  return uri.replace(/\/\/([^:/@]+):([^@]*)@/, '//$1:***@');
}
