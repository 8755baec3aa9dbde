/**
 * `npm run sandbox -- [flags]`: starts the Fixer sandbox (SYNTHETIC rates, not market data) and prints
 * how to point the service at it.
 */
import { parseArgs } from 'node:util';
import { startFixerSandbox } from './fixer-sandbox.js';
import type { DateError, FixerSandboxOptions, SandboxPlan } from './sandbox-options.js';

const USAGE = `Usage: npm run sandbox -- [options]
  --port N            port to listen on (default 8089; 0 picks a free one)
  --host HOST         address to bind (default 127.0.0.1)
  --key KEY           accepted API key (default sandbox-key)
  --plan free|paid    free: EUR base only, no timeseries (105) (default paid)
  --quota N           requests per month before 104 / HTTP 429 (default 10000)
  --latency-ms N      added latency per answer
  --jitter-ms N       up to N more ms, random
  --fail-rate F       fraction (0..1) answered 500/502/503/524
  --html-rate F       fraction answered 200 with an HTML page
  --truncate-rate F   fraction answered with truncated JSON
  --hang-rate F       fraction never answered
  --date-error CODE:DATE[,DATE...]  answer these dates with envelope error CODE (repeatable)
  --seed N            seed of the fault generator (default 1)`;

function fail(message: string): never {
  console.error(`${message}\n\n${USAGE}`);
  process.exit(2);
}

function number(name: string, text: string | undefined, min: number, max: number): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n) || n < min || n > max)
    fail(`--${name} must be a number from ${min} to ${max}`);
  return n;
}

function dateError(text: string): DateError {
  const m = /^(\d{3}):(.+)$/.exec(text);
  if (!m) fail(`--date-error must look like 106:2024-01-03,2024-01-04 (got "${text}")`);
  return { code: Number(m[1]), dates: m[2]!.split(',').map((d) => d.trim()) };
}

let parsed;
try {
  parsed = parseArgs({
    options: {
      port: { type: 'string', default: '8089' },
      host: { type: 'string', default: '127.0.0.1' },
      key: { type: 'string' },
      plan: { type: 'string', default: 'paid' },
      quota: { type: 'string' },
      'latency-ms': { type: 'string' },
      'jitter-ms': { type: 'string' },
      'fail-rate': { type: 'string' },
      'html-rate': { type: 'string' },
      'truncate-rate': { type: 'string' },
      'hang-rate': { type: 'string' },
      'date-error': { type: 'string', multiple: true },
      seed: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  }).values;
} catch (e) {
  fail((e as Error).message);
}
if (parsed.help) {
  console.log(USAGE);
  process.exit(0);
}
if (parsed.plan !== 'free' && parsed.plan !== 'paid') fail('--plan must be free or paid');

const options: FixerSandboxOptions = Object.fromEntries(
  Object.entries({
    port: number('port', parsed.port, 0, 65535),
    host: parsed.host,
    key: parsed.key,
    plan: parsed.plan as SandboxPlan,
    monthlyQuota: number('quota', parsed.quota, 0, Number.MAX_SAFE_INTEGER),
    latencyMs: number('latency-ms', parsed['latency-ms'], 0, 600_000),
    jitterMs: number('jitter-ms', parsed['jitter-ms'], 0, 600_000),
    failRate: number('fail-rate', parsed['fail-rate'], 0, 1),
    htmlRate: number('html-rate', parsed['html-rate'], 0, 1),
    truncateRate: number('truncate-rate', parsed['truncate-rate'], 0, 1),
    hangRate: number('hang-rate', parsed['hang-rate'], 0, 1),
    dateErrors: parsed['date-error']?.map(dateError),
    seed: number('seed', parsed.seed, 0, 2 ** 32 - 1),
  }).filter(([, v]) => v !== undefined),
);

const sandbox = await startFixerSandbox(options);
const s = sandbox.settings;
console.log(`Fixer sandbox — SYNTHETIC rates for testing, NOT market data
  plan ${s.plan}, quota ${s.monthlyQuota}/month, latency ${s.latencyMs}+${s.jitterMs} ms, fail ${s.failRate}, html ${s.htmlRate}, truncate ${s.truncateRate}, hang ${s.hangRate}

Classic style (key as access_key):
  FIXER_BASE_URL=${sandbox.url} FIXER_API_KEY=${s.key}
APILayer style (key in the apikey header):
  FIXER_BASE_URL=${sandbox.apilayerUrl} FIXER_API_KEY=${s.key}

Try: curl '${sandbox.url}/latest?access_key=${s.key}&symbols=USD,GBP'
Ctrl-C to stop.`);

const stop = (): void => {
  console.log(`\nstopping after ${sandbox.requests.count} requests`);
  void sandbox.close().then(() => process.exit(0));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
