import { startStoppableMongo } from '../test/support/stoppable-mongo.js';

export interface MongoServer {
  readonly uri: string;
  /** Where it came from, for the report. */
  readonly kind: string;
  dispose(): Promise<void>;
}

/**
 * MONGODB_URI when set; else a FerretDB of our own from the binary `scripts/with-ferretdb.sh` builds
 * (or, where mongod can be downloaded, mongodb-memory-server). Fails saying what to do otherwise.
 */
export async function mongoServer(): Promise<MongoServer> {
  const given = process.env.MONGODB_URI;
  if (given) return { uri: given, kind: 'MONGODB_URI', dispose: async () => {} };
  try {
    const own = await startStoppableMongo();
    return { uri: own.uri, kind: 'started for the run', dispose: () => own.dispose() };
  } catch (e) {
    throw new Error(
      `${(e as Error).message}\nSet MONGODB_URI to a MongoDB-wire server, or run ` +
        '`scripts/with-ferretdb.sh npm run bench` (builds FerretDB once; needs Go).',
      { cause: e },
    );
  }
}
