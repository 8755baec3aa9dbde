import { addDays, eachDate, type IsoDate } from '../src/domain/iso-date.js';
import { spawnBuiltService } from '../test/support/built-service.js';
import type { ServerProcess } from '../test/support/child-process.js';
import { pool, sideBySide, startCeiling, type LoadClient } from './ceiling.js';
import type { ServingRow } from './serving-bench.js';

export interface HistoryDaysOptions {
  readonly mongoUri: string;
  /** The database the whole history was ingested into. */
  readonly dbName: string;
  readonly from: IsoDate;
  readonly to: IsoDate;
  readonly seconds: number;
  readonly rounds: number;
  readonly connections: number;
  readonly client: LoadClient;
  readonly log: (line: string) => void;
}

/** Days in one warming range: a JSON range of all currencies may span a year. */
const WARM_SPAN_DAYS = 366;

/**
 * Random calendar days over the whole ECB history, weekends and holidays included (about 30% of them
 * not stored: 404), through the service as `npm start` runs it, next to the bare server sending the
 * same answers. The service keeps every day (CACHE_MAX_DAYS above the history's length), as an operator
 * serving the whole history would set it; the warm-up reads the history a year per query, then asks
 * each calendar day once, as clients would over time.
 */
export async function benchHistoryDays(o: HistoryDaysOptions): Promise<ServingRow> {
  let service: ServerProcess | undefined;
  let ceiling: Awaited<ReturnType<typeof startCeiling>> | undefined;
  const dates = eachDate(o.from, o.to);
  try {
    service = await spawnBuiltService({
      env: {
        MONGODB_URI: o.mongoUri,
        MONGODB_DB: o.dbName,
        NODE_ENV: 'production',
        RATE_LIMIT_PER_MINUTE: '0',
        PROVIDERS: 'ecb',
        CACHE_MAX_DAYS: String(2 * dates.length + 2 * WARM_SPAN_DAYS),
      },
    });
    o.log(`history days: reading ${dates.length} calendar days a year at a time...`);
    for (let start = o.from; start <= o.to; start = addDays(start, WARM_SPAN_DAYS)) {
      const end = addDays(start, WARM_SPAN_DAYS - 1) < o.to ? addDays(start, WARM_SPAN_DAYS - 1) : o.to;
      const res = await fetch(`${service.url}/rates?from=${start}&to=${end}`);
      if (res.status !== 200) throw new Error(`the range ${start}..${end} answered ${res.status}`);
      await res.arrayBuffer();
    }
    o.log('history days: asking each calendar day once...');
    const queue = [...dates];
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        for (let d = queue.shift(); d !== undefined; d = queue.shift())
          await (await fetch(`${service!.url}/rates/${d}`)).arrayBuffer();
      }),
    );
    const paths = pool(() => `/rates/${dates[Math.floor(Math.random() * dates.length)]!}`);
    ceiling = await startCeiling(service.url, paths);
    o.log(`history days: loading random days and the bare server in turn, ${o.rounds} x ${o.seconds} s each...`);
    const compared = await sideBySide(service.url, ceiling.server.url, paths, o);
    return {
      route: 'random days over the ECB history',
      example: '/rates/{a calendar day from 1999-01-04 to 2024-06-14}',
      bodyBytes: Math.round(compared.ceiling.bytesPerRequest),
      ...compared,
    };
  } finally {
    await service?.stop();
    await ceiling?.stop();
  }
}
