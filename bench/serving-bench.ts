import { randomBytes } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { addDays, utcDateOf, type IsoDate } from '../src/domain/iso-date.js';
import { spawnBuiltService } from '../test/support/built-service.js';
import type { ServerProcess } from '../test/support/child-process.js';
import type { LoadFigures } from '../test/support/load.js';
import { seedDays } from '../test/support/seed-rates.js';
import { pool, sideBySide, startCeiling, type LoadClient } from './ceiling.js';

/** One route under load, next to the bare server answering the same bytes. */
export interface ServingRow {
  readonly route: string;
  readonly example: string;
  readonly bodyBytes: number;
  readonly service: LoadFigures;
  readonly ceiling: LoadFigures;
  /** Service requests/s over the bare server's, for the same body, all rounds together. */
  readonly ratio: number;
  /** The same, round by round. */
  readonly roundRatios: readonly number[];
}

export interface ServingResult {
  readonly client: LoadClient;
  readonly days: number;
  readonly seconds: number;
  readonly rounds: number;
  readonly connections: number;
  readonly rows: ServingRow[];
  /** The service process: RSS once started and seeded, at the end, and its peak (VmHWM), in kB. */
  readonly serviceMemoryKb: {
    readonly started: number | null;
    readonly end: number | null;
    readonly peak: number | null;
  };
}

interface Route {
  readonly name: string;
  readonly path: (pick: () => IsoDate) => string;
  /** Request headers; with Accept-Encoding: gzip the bare server sends the same gzipped bytes. */
  readonly headers?: Record<string, string>;
  /**
   * Ask it once for every stored day just before it is measured, as the plain day route is before all
   * rows: a route whose answers no warm-up made (an `as_of` read) would otherwise be measured cold
   * against warm ones.
   */
  readonly warmEachDay?: boolean;
  /**
   * Its dates end ranges, so they are drawn from the 30th stored day on: every range then covers stored
   * days only. (A range reaching before the first stored day is a miss each time; with every connection
   * going through the same requests in turn, all of them would ask it at once.)
   */
  readonly ranges?: boolean;
}

const BASES = ['EUR', 'USD', 'GBP', 'JPY', 'CHF', 'AUD', 'CAD'];
const trpcInput = (input: object) => encodeURIComponent(JSON.stringify(input));
/** An instant after the days' store time (see the seeding) and more than a minute before any request. */
let AS_OF = '';

/** The routes the issue names; dates are drawn at random from the stored year for every request. */
const ROUTES: readonly Route[] = [
  { name: 'REST /rates/{date}', path: (d) => `/rates/${d()}` },
  {
    name: 'REST /rates/{date} gzip',
    path: (d) => `/rates/${d()}`,
    headers: { 'accept-encoding': 'gzip' },
  },
  { name: 'tRPC rates.byDate', path: (d) => `/trpc/rates.byDate?input=${trpcInput({ date: d() })}` },
  { name: 'REST ?base=USD&symbols=GBP,JPY', path: (d) => `/rates/${d()}?base=USD&symbols=GBP,JPY` },
  // The same day as stored at an instant after seeding: the same primary-key lookups, whole documents.
  {
    name: 'REST /rates/{date}?as_of',
    path: (d) => `/rates/${d()}?as_of=${encodeURIComponent(AS_OF)}`,
    warmEachDay: true,
  },
  { name: 'REST /rates/latest', path: () => '/rates/latest' },
  { name: 'REST latest ?base=USD&symbols=GBP,JPY', path: () => '/rates/latest?base=USD&symbols=GBP,JPY' },
  { name: 'REST /convert', path: (d) => `/convert?from=USD&to=JPY&amount=100&date=${d()}` },
  { name: 'REST /convert (latest)', path: () => '/convert?from=USD&to=GBP&amount=250' },
  { name: 'REST /currencies', path: () => '/currencies' },
  {
    name: 'tRPC batch (byDate + convert)',
    path: (d) => {
      // One day for both calls, as a page showing a day and a conversion on it would ask.
      const date = d();
      return `/trpc/rates.byDate,rates.convert?batch=1&input=${trpcInput({
        0: { date, symbols: 'USD,GBP' },
        1: { from: 'EUR', to: 'USD', amount: 10, date },
      })}`;
    },
  },
  {
    // 40% latest/convert, 30% past days with random bases, 20% ranges, 10% currencies.
    name: 'mix',
    ranges: true,
    path: (d) => {
      const r = Math.random();
      if (r < 0.2) return '/rates/latest';
      if (r < 0.4) return `/convert?from=USD&to=JPY&amount=100&date=${d()}`;
      if (r < 0.7) return `/rates/${d()}?base=${BASES[Math.floor(Math.random() * BASES.length)]}`;
      if (r < 0.9) {
        const to = d();
        return `/rates?from=${addDays(to, -6)}&to=${to}&symbols=USD,GBP,JPY`;
      }
      return '/currencies';
    },
  },
  {
    name: 'REST 30-day range',
    ranges: true,
    path: (d) => {
      const to = d();
      return `/rates?from=${addDays(to, -29)}&to=${to}`;
    },
  },
];

export interface ServingOptions {
  readonly mongoUri: string;
  readonly client: LoadClient;
  readonly seconds: number;
  /** Runs of each server per route, taken in turn. */
  readonly rounds: number;
  readonly connections: number;
  /** Route names to run (all when empty). */
  readonly only: readonly string[];
  /** Extra settings for the service, e.g. RESPONSE_CACHE_MAX_ENTRIES=0 to measure the uncached path. */
  readonly serviceEnv: Record<string, string>;
  /** Extra Node flags for the service, e.g. `--cpu-prof`. */
  readonly serviceNodeArgs: readonly string[];
  readonly log: (line: string) => void;
}

const DAYS = 365;

/**
 * Seeds a year into a database of its own, starts the service, and for each route draws a pool of
 * requests, starts a bare server holding the service's answers to them, and loads the service and the
 * bare server in turn, with the same requests in the same order, so that drifting machine load touches
 * both alike.
 */
export async function benchServing(o: ServingOptions): Promise<ServingResult> {
  const dbName = `fxrates_bench_${randomBytes(4).toString('hex')}`;
  const client = await MongoClient.connect(o.mongoUri, { serverSelectionTimeoutMS: 5000 });
  let service: ServerProcess | undefined;
  try {
    const yesterday = addDays(utcDateOf(new Date()), -1);
    o.log(`seeding ${DAYS} days into ${dbName}...`);
    // Stored ten minutes ago and read as of five: an `as_of` more than a minute past is immutable, as it
    // would be for any client reproducing an earlier answer.
    const dates = await seedDays(client.db(dbName), yesterday, DAYS, new Date(Date.now() - 10 * 60_000));
    AS_OF = new Date(Date.now() - 5 * 60_000).toISOString();
    // Ranges end 29 days or more after the first stored day, so each covers 30 stored days.
    const pick = () => dates[Math.floor(Math.random() * dates.length)]!;
    const pickRangeEnd = () => dates[29 + Math.floor(Math.random() * (dates.length - 29))]!;

    service = await spawnBuiltService({
      nodeArgs: o.serviceNodeArgs,
      // No rate limit: one client address sends everything here, and the limiter is not what is measured.
      env: {
        MONGODB_URI: o.mongoUri,
        MONGODB_DB: dbName,
        NODE_ENV: 'production',
        // LOG_LEVEL as it comes (info): one access line per request, as `npm start` writes them.
        RATE_LIMIT_PER_MINUTE: '0',
        // The seeded days are Fixer's: with Fixer preferred they are final and immutable, as a day of the
        // preferred provider is in production. (With the ECB alone preferred, each would be a fallback
        // provider's day that the ECB may still replace, kept a minute.) Nothing here calls Fixer.
        PROVIDERS: 'fixer,ecb',
        FIXER_API_KEY: 'bench-never-sent',
        ...o.serviceEnv,
      },
    });
    const started = service.memory()?.rssKb ?? null;
    const routes = ROUTES.filter((r) => o.only.length === 0 || o.only.includes(r.name));

    // Every stored day asked once: the service's day cache holds a year, as it would in production.
    // A few at a time: FerretDB answers a few hundred key lookups a second.
    const askEachDay = async (path: (d: IsoDate) => string) => {
      const queue = [...dates];
      await Promise.all(
        Array.from({ length: 4 }, async () => {
          for (let d = queue.shift(); d !== undefined; d = queue.shift()) {
            await (await fetch(`${service!.url}${path(d)}`)).arrayBuffer();
          }
        }),
      );
    };
    o.log(`asking each of the ${DAYS} days once, to fill the service's day cache...`);
    await askEachDay((d) => `/rates/${d}`);

    const rows: ServingRow[] = [];
    for (const route of routes) {
      const path = () => route.path(route.ranges ? pickRangeEnd : pick);
      if (route.warmEachDay) {
        o.log(`asking ${route.name} once for each of the ${DAYS} days...`);
        await askEachDay((d) => route.path(() => d));
      }
      const paths = pool(path);
      o.log(`${route.name}: the bare server takes the service's answers to its requests...`);
      const ceiling = await startCeiling(service.url, paths, route.headers);
      try {
        o.log(`loading ${route.name} and the bare server in turn, ${o.rounds} x ${o.seconds} s each...`);
        const load = { ...o, headers: route.headers };
        const compared = await sideBySide(service.url, ceiling.server.url, paths, load);
        rows.push({
          route: route.name,
          example: paths[0]!,
          bodyBytes: Math.round(compared.ceiling.bytesPerRequest),
          ...compared,
        });
      } finally {
        await ceiling.stop();
      }
    }
    const memory = service.memory();
    return {
      client: o.client,
      days: DAYS,
      seconds: o.seconds,
      rounds: o.rounds,
      connections: o.connections,
      rows,
      serviceMemoryKb: { started, end: memory?.rssKb ?? null, peak: memory?.peakKb ?? null },
    };
  } finally {
    await service?.stop();
    await client
      .db(dbName)
      .dropDatabase()
      .catch(() => {});
    await client.close();
  }
}
