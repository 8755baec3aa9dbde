/**
 * `npm run bench`: serving and ingestion benchmarks against a real MongoDB-wire server and the
 * Fixer sandbox. Prints tables and writes bench/results/latest.json. Figures are from one run on
 * whatever else the machine is doing: compare the ratios, not the absolute numbers.
 *
 * Options: --seconds N (per measured run, default 5), --rounds N (runs of the service and of its ceiling
 * per route, taken in turn; default 3), --connections N (default 32),
 * --only "ROUTE NAME"[,...], --skip-serving, --skip-ingestion, --skip-history,
 * --service-env K=V[,K=V...] (extra service settings, e.g. RESPONSE_CACHE_MAX_ENTRIES=0 for the uncached path),
 * --client wrk|autocannon (the load generator; default wrk when installed, else autocannon),
 * --profile (CPU profile of the service into bench/results/service-profile.json; summarise it with
 * `tsx bench/profile-summary.ts bench/results/service-profile.json`).
 */
import 'reflect-metadata';
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT } from '../test/support/child-process.js';
import { benchHistory, type HistoryResult } from './history-bench.js';
import { benchIngestion, type IngestResult } from './ingest-bench.js';
import { mongoServer } from './mongo-server.js';
import { benchServing, type ServingResult, type ServingRow } from './serving-bench.js';
import { defaultClient, type LoadClient } from './ceiling.js';
import { int, mb, ms, ratio, table } from './table.js';

const { values: args } = parseArgs({
  options: {
    seconds: { type: 'string', default: '5' },
    rounds: { type: 'string', default: '3' },
    connections: { type: 'string', default: '32' },
    client: { type: 'string', default: '' },
    only: { type: 'string', default: '' },
    'skip-serving': { type: 'boolean', default: false },
    'skip-ingestion': { type: 'boolean', default: false },
    'skip-history': { type: 'boolean', default: false },
    profile: { type: 'boolean', default: false },
    'service-env': { type: 'string', default: '' },
  },
});
const log = (line: string) => console.error(`bench: ${line}`);
const results = join(ROOT, 'bench/results');
// Named .json so that .gitignore's bench/results/*.json keeps it out of commits.
const profileName = 'service-profile.json';
const profiles = join(results, 'profiles');
if (args.profile) rmSync(profiles, { recursive: true, force: true });

if (args.client !== '' && args.client !== 'wrk' && args.client !== 'autocannon')
  throw new Error('--client is wrk or autocannon');
const client: LoadClient = args.client === '' ? defaultClient() : args.client;
log(`load generator: ${client}`);
const mongo = await mongoServer();
log(`MongoDB-wire server: ${mongo.kind}`);
let serving: ServingResult | undefined;
let ingestion: IngestResult | undefined;
let history: HistoryResult | undefined;
try {
  if (!args['skip-serving']) {
    serving = await benchServing({
      mongoUri: mongo.uri,
      client,
      seconds: Number(args.seconds),
      rounds: Number(args.rounds),
      connections: Number(args.connections),
      only: args.only ? args.only.split(',') : [],
      serviceEnv: Object.fromEntries(
        args['service-env']
          .split(',')
          .filter(Boolean)
          .map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]),
      ),
      // Every thread writes a profile (tsx's loader runs in a worker): each into the dir, the busiest kept.
      serviceNodeArgs: args.profile ? ['--cpu-prof', '--cpu-prof-dir', profiles] : [],
      log,
    });
  }
  if (!args['skip-ingestion']) ingestion = await benchIngestion({ mongoUri: mongo.uri, days: 365, latencyMs: 50, log });
  if (!args['skip-history'])
    history = await benchHistory({
      mongoUri: mongo.uri,
      client,
      seconds: Number(args.seconds),
      rounds: Number(args.rounds),
      connections: Number(args.connections),
      log,
    });
} finally {
  await mongo.dispose();
}

/** Service against ceiling, one line a route. */
function servingTable(rows: readonly ServingRow[]): string {
  return table([
    ['route', 'req/s', 'p50', 'p99', 'body', 'ceiling req/s', 'ceiling p50', 'ratio', 'rounds', 'non-200'],
    ...rows.map((r) => [
      r.route,
      int(r.service.requestsPerSecond),
      ms(r.service.p50Ms),
      ms(r.service.p99Ms),
      `${int(r.bodyBytes)} B`,
      int(r.ceiling.requestsPerSecond),
      ms(r.ceiling.p50Ms),
      ratio(r.ratio),
      `${ratio(Math.min(...r.roundRatios))}-${ratio(Math.max(...r.roundRatios))}`,
      String(r.service.requests - (r.service.statuses['200'] ?? 0) + r.service.errors),
    ]),
  ]);
}

if (serving) {
  console.log(
    `\nServing: ${serving.days} stored days, ${serving.client}, ${serving.connections} connections, ` +
      `${serving.rounds} rounds of ${serving.seconds} s per server, ` +
      `NODE_ENV=production${args['service-env'] ? `, ${args['service-env']}` : ''}; ` +
      'ceiling = bare node:http answering the same bytes',
  );
  console.log(servingTable(serving.rows));
  const m = serving.serviceMemoryKb;
  console.log(`service RSS: ${mb(m.started)} after start, ${mb(m.end)} at the end, peak ${mb(m.peak)} (VmHWM)`);
}
if (ingestion) {
  console.log(
    `\nIngestion: backfill of ${ingestion.days} days from the Fixer sandbox, +${ingestion.latencyMs} ms per request`,
  );
  console.log(
    table([
      ['mode', 'wall', 'days/s', 'requests', 'vs (a)'],
      ...ingestion.rows.map((r) => [
        r.mode,
        `${(r.wallMs / 1000).toFixed(1)} s`,
        r.daysPerSecond.toFixed(1),
        int(r.requests),
        ratio(r.speedup),
      ]),
    ]),
  );
}

if (history) {
  console.log('\nWhole history: the ECB sandbox from 1999-01-04, one eurofxref-hist.xml request');
  console.log(
    table([
      ['step', 'wall', 'figure'],
      [
        'backfill',
        `${(history.backfillMs / 1000).toFixed(1)} s`,
        `${history.daysPerSecond.toFixed(0)} days/s (${int(history.days)} days)`,
      ],
      [
        'stream every day',
        `${(history.streamMs / 1000).toFixed(1)} s`,
        `heap +${(history.streamHeapGrowthBytes / 1e6).toFixed(1)} MB`,
      ],
      ['25 years by month (2 symbols)', `${(history.monthlyMs / 1000).toFixed(1)} s`, `${history.months} periods`],
    ]),
  );
  console.log('\nRandom calendar days over that history (weekends and holidays are 404s), after each was asked once');
  console.log(servingTable([history.randomDays]));
}

mkdirSync(results, { recursive: true });
if (args.profile && existsSync(profiles)) {
  // The main thread's profile is the largest: the loader thread idles once modules are loaded.
  const [main] = readdirSync(profiles)
    .map((f) => join(profiles, f))
    .sort((a, b) => statSync(b).size - statSync(a).size);
  if (main) copyFileSync(main, join(results, profileName));
  rmSync(profiles, { recursive: true, force: true });
}
const file = join(results, 'latest.json');
writeFileSync(
  file,
  `${JSON.stringify({ at: new Date().toISOString(), node: process.version, cpus: cpus().length, mongo: mongo.kind, serving, ingestion, history }, null, 2)}\n`,
);
console.log(`\nwritten: ${file}${args.profile ? `; service CPU profile: ${join(results, profileName)}` : ''}`);
