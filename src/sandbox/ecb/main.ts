/**
 * `npx tsx src/sandbox/ecb/main.ts [flags]`: starts the ECB sandbox (SYNTHETIC rates, not market data)
 * and prints how to point the service at it.
 */
import { parseArgs } from 'node:util';
import { startEcbSandbox } from './ecb-sandbox.js';
import type { EcbSandboxOptions } from './sandbox-options.js';
import { newestPublishedDay } from './target-calendar.js';

const USAGE = `Usage: npx tsx src/sandbox/ecb/main.ts [options]
  --port N              port to listen on (default 8090; 0 picks a free one)
  --host HOST           address to bind (default 127.0.0.1)
  --now ISO-INSTANT     the sandbox's fixed "now" (default: the real clock)
  --latency-ms N        added latency per answer
  --jitter-ms N         up to N more ms, random
  --fail-rate F         fraction (0..1) answered 500/502/503/504
  --html-rate F         fraction answered 200 with an HTML page
  --truncate-rate F     fraction answered with truncated XML
  --hang-rate F         fraction never answered
  --invalid-rate-rate F fraction answered with a rate of 0
  --seed N              seed of the fault generator (default 1)`;

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

function instant(text: string | undefined): (() => Date) | undefined {
  if (text === undefined) return undefined;
  const at = new Date(text);
  if (Number.isNaN(at.getTime())) fail(`--now must be an ISO instant such as 2024-06-14T16:00:00Z (got "${text}")`);
  return () => at;
}

let parsed;
try {
  parsed = parseArgs({
    options: {
      port: { type: 'string', default: '8090' },
      host: { type: 'string', default: '127.0.0.1' },
      now: { type: 'string' },
      'latency-ms': { type: 'string' },
      'jitter-ms': { type: 'string' },
      'fail-rate': { type: 'string' },
      'html-rate': { type: 'string' },
      'truncate-rate': { type: 'string' },
      'hang-rate': { type: 'string' },
      'invalid-rate-rate': { type: 'string' },
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

const options: EcbSandboxOptions = Object.fromEntries(
  Object.entries({
    port: number('port', parsed.port, 0, 65535),
    host: parsed.host,
    now: instant(parsed.now),
    latencyMs: number('latency-ms', parsed['latency-ms'], 0, 600_000),
    jitterMs: number('jitter-ms', parsed['jitter-ms'], 0, 600_000),
    failRate: number('fail-rate', parsed['fail-rate'], 0, 1),
    htmlRate: number('html-rate', parsed['html-rate'], 0, 1),
    truncateRate: number('truncate-rate', parsed['truncate-rate'], 0, 1),
    hangRate: number('hang-rate', parsed['hang-rate'], 0, 1),
    invalidRateRate: number('invalid-rate-rate', parsed['invalid-rate-rate'], 0, 1),
    seed: number('seed', parsed.seed, 0, 2 ** 32 - 1),
  }).filter(([, v]) => v !== undefined),
);

const sandbox = await startEcbSandbox(options);
const s = sandbox.settings;
console.log(`ECB sandbox — SYNTHETIC rates for testing, NOT market data
  newest published day ${newestPublishedDay(s.now())}, latency ${s.latencyMs}+${s.jitterMs} ms, fail ${s.failRate}, html ${s.htmlRate}, truncate ${s.truncateRate}, hang ${s.hangRate}, invalid rate ${s.invalidRateRate}

ECB_BASE_URL=${sandbox.url}

Try: curl ${sandbox.url}/eurofxref-daily.xml
Ctrl-C to stop.`);

const stop = (): void => {
  console.log(`\nstopping after ${sandbox.requests.count} requests`);
  void sandbox.close().then(() => process.exit(0));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
