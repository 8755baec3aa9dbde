/**
 * `npx tsx src/sandbox/ecb/main.ts [flags]`: starts the ECB sandbox (SYNTHETIC rates, not market data)
 * and prints how to point the service at it.
 */
import { given, parseSandboxFlags } from '../cli-flags.js';
import { listenUsage, SEED_USAGE, transportFaultUsage, usageText } from '../cli-usage.js';
import { stopOnSignal } from '../stop-on-signal.js';
import { startEcbSandbox } from './ecb-sandbox.js';
import { DEFAULT_ECB_SETTINGS, type EcbSandboxOptions } from './sandbox-options.js';
import { newestPublishedDay } from './target-calendar.js';

const DEFAULT_PORT = 8090;

const USAGE = usageText('npx tsx src/sandbox/ecb/main.ts [options]', 22, [
  ...listenUsage(DEFAULT_PORT),
  ['--now ISO-INSTANT', 'the sandbox\'s fixed "now" (default: the real clock)'],
  ...transportFaultUsage(DEFAULT_ECB_SETTINGS.failStatuses, 'XML'),
  ['--invalid-rate-rate F', 'fraction answered with a rate of 0'],
  SEED_USAGE,
]);

const flags = parseSandboxFlags(USAGE, DEFAULT_PORT, {
  now: { type: 'string' },
  'invalid-rate-rate': { type: 'string' },
});

function instant(text: string | undefined): (() => Date) | undefined {
  if (text === undefined) return undefined;
  const at = new Date(text);
  if (Number.isNaN(at.getTime()))
    flags.fail(`--now must be an ISO instant such as 2024-06-14T16:00:00Z (got "${text}")`);
  return () => at;
}

// In usage order, so that of several bad flags the first one listed is reported.
const options: EcbSandboxOptions = given({
  ...flags.listen(),
  now: instant(flags.values.now),
  ...flags.transportFaults(),
  invalidRateRate: flags.number('invalid-rate-rate', flags.values['invalid-rate-rate'], 0, 1),
  seed: flags.seed(),
});

const sandbox = await startEcbSandbox(options);
const s = sandbox.settings;
console.log(`ECB sandbox — SYNTHETIC rates for testing, NOT market data
  newest published day ${newestPublishedDay(s.now())}, latency ${s.latencyMs}+${s.jitterMs} ms, fail ${s.failRate}, html ${s.htmlRate}, truncate ${s.truncateRate}, hang ${s.hangRate}, invalid rate ${s.invalidRateRate}

ECB_BASE_URL=${sandbox.url}

Try: curl ${sandbox.url}/eurofxref-daily.xml
Ctrl-C to stop.`);

stopOnSignal(sandbox);
