import { MongoClient } from 'mongodb';
import { spawnServer, type ServerProcess } from '../../support/child-process.js';
import { seedDays } from '../../support/seed-rates.js';
import { addDays, utcDateOf, type IsoDate } from '../../../src/domain/iso-date.js';

export interface SeededService {
  readonly service: ServerProcess;
  /** The stored days, oldest first; the last is yesterday (the service runs on the real clock). */
  readonly dates: readonly IsoDate[];
  dispose(): Promise<void>;
}

/**
 * The real service in a child process (production settings, warnings only), over `days` seeded days
 * in database `dbName` at `uri`. A crash shows as `service.alive()` turning false, not as a dead
 * test runner.
 */
export async function startSeededService(o: {
  uri: string;
  dbName: string;
  days: number;
  env?: Record<string, string>;
  nodeArgs?: readonly string[];
}): Promise<SeededService> {
  const client = await MongoClient.connect(o.uri, { serverSelectionTimeoutMS: 5000 });
  try {
    const dates = await seedDays(client.db(o.dbName), addDays(utcDateOf(new Date()), -1), o.days);
    const service = await spawnServer({
      entry: 'bench/serve.ts',
      ...(o.nodeArgs ? { nodeArgs: o.nodeArgs } : {}),
      // No rate limit unless a test asks: every request here comes from one address, and the
      // scenarios are about what the service does with the traffic, not about the limiter.
      env: {
        MONGODB_URI: o.uri,
        MONGODB_DB: o.dbName,
        NODE_ENV: 'production',
        LOG_LEVEL: 'warn',
        RATE_LIMIT_PER_MINUTE: '0',
        ...o.env,
      },
    });
    return {
      service,
      dates,
      dispose: async () => {
        await service.stop();
        await client
          .db(o.dbName)
          .dropDatabase()
          .catch(() => {});
        await client.close();
      },
    };
  } catch (e) {
    await client.close();
    throw e;
  }
}

/** A GET answered: status and text (the body is read fully so the connection is reused). */
export async function get(url: string): Promise<{ status: number; text: string }> {
  const res = await fetch(url);
  return { status: res.status, text: await res.text() };
}
