/**
 * `npm run sandbox -- [flags]`: starts the Fixer sandbox (SYNTHETIC rates, not market data) and prints
 * how to point the service at it.
 */
import { given, parseSandboxFlags } from '../cli-flags.js';
import { listenUsage, SEED_USAGE, transportFaultUsage, usageText } from '../cli-usage.js';
import { stopOnSignal } from '../stop-on-signal.js';
import { startFixerSandbox } from './fixer-sandbox.js';
import { DEFAULT_SETTINGS, type DateError, type FixerSandboxOptions, type SandboxPlan } from './sandbox-options.js';

const DEFAULT_PORT = 8089;

const USAGE = usageText('npm run sandbox -- [options]', 20, [
  ...listenUsage(DEFAULT_PORT),
  ['--key KEY', 'accepted API key (default sandbox-key)'],
  ['--plan free|paid', 'free: EUR base only, no timeseries (105) (default paid)'],
  ['--quota N', 'requests per month before 104 / HTTP 429 (default 10000)'],
  ...transportFaultUsage(DEFAULT_SETTINGS.failStatuses, 'JSON'),
  ['--date-error CODE:DATE[,DATE...]', 'answer these dates with envelope error CODE (repeatable)'],
  SEED_USAGE,
]);

const flags = parseSandboxFlags(USAGE, DEFAULT_PORT, {
  key: { type: 'string' },
  plan: { type: 'string', default: 'paid' },
  quota: { type: 'string' },
  'date-error': { type: 'string', multiple: true },
});
const { values } = flags;
if (values.plan !== 'free' && values.plan !== 'paid') flags.fail('--plan must be free or paid');

function dateError(text: string): DateError {
  const m = /^(\d{3}):(.+)$/.exec(text);
  if (!m) return flags.fail(`--date-error must look like 106:2024-01-03,2024-01-04 (got "${text}")`);
  return { code: Number(m[1]), dates: m[2]!.split(',').map((d) => d.trim()) };
}

// In usage order, so that of several bad flags the first one listed is reported.
const options: FixerSandboxOptions = given({
  ...flags.listen(),
  key: values.key,
  plan: values.plan as SandboxPlan,
  monthlyQuota: flags.number('quota', values.quota, 0, Number.MAX_SAFE_INTEGER),
  ...flags.transportFaults(),
  dateErrors: values['date-error']?.map(dateError),
  seed: flags.seed(),
});

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

stopOnSignal(sandbox);
