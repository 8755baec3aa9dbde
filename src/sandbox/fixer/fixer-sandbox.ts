/**
 * A local stand-in for Fixer that serves SYNTHETIC rates (generated, not market data) over real HTTP,
 * for tests, benchmarks and offline demos. It speaks both surfaces (classic `/api` + `access_key`,
 * APILayer `/fixer` + `apikey` header), simulates plans and a monthly quota, and injects faults on demand.
 * It is only ever used when a base URL points at it.
 */
import { failAnswer, MAINTENANCE_ANSWER } from '../fault-pages.js';
import { startSandboxServer, type SandboxControls, type SandboxRequestRecord } from '../sandbox-server.js';
import { drawDelayMs, drawFailStatus, pickFault, transportFaultRates, truncated } from '../transport-faults.js';
import { QuotaCounter, routeRequest, type Answer } from './gateway.js';
import { DEFAULT_SETTINGS, type FixerSandboxOptions, type FixerSandboxSettings } from './sandbox-options.js';

/** One request as received; the key is removed from the path. Outcome: `ok`, `error` (envelope or gateway), or the fault. */
export type SandboxRequest = SandboxRequestRecord;

export interface FixerSandbox extends SandboxControls<FixerSandboxSettings> {
  /** Classic style: `http://127.0.0.1:PORT/api` (key as `access_key`). */
  readonly url: string;
  /** APILayer style: `http://127.0.0.1:PORT/fixer` (key in the `apikey` header). */
  readonly apilayerUrl: string;
}

function publicPath(url: URL): string {
  const q = new URLSearchParams(url.searchParams);
  q.delete('access_key');
  q.delete('apikey');
  const query = q.toString();
  return query === '' ? url.pathname : `${url.pathname}?${query}`;
}

export async function startFixerSandbox(options: FixerSandboxOptions = {}): Promise<FixerSandbox> {
  const { port = 0, host = '127.0.0.1', ...given } = options;
  const quota = new QuotaCounter();
  const controls = await startSandboxServer<FixerSandboxSettings>({
    port,
    host,
    initial: { ...DEFAULT_SETTINGS, ...given },
    recordPath: publicPath,
    onReset: () => quota.clear(),
    respond(req, url, s, random) {
      const fault = pickFault(random(), transportFaultRates(s));
      const failStatus = drawFailStatus(s, random);
      const corruption = { wrongDate: random() < s.wrongDateRate, zeroRate: random() < s.zeroRateRate };
      const delayMs = drawDelayMs(s, random);
      if (fault === 'hang') return { answer: null, outcome: 'hang', delayMs };
      if (fault === 'fail') return { answer: failAnswer(failStatus), outcome: fault, delayMs };
      if (fault === 'html') return { answer: MAINTENANCE_ANSWER, outcome: fault, delayMs };
      const answer: Answer = routeRequest(req, url, s, quota, corruption);
      if (fault === 'truncate') return { answer: { ...answer, text: truncated(answer.text) }, outcome: fault, delayMs };
      const failed = answer.status !== 200 || answer.text.startsWith('{"success":false');
      return { answer, outcome: failed ? 'error' : 'ok', delayMs };
    },
  });
  const origin = `http://${host}:${controls.port}`;
  // Assign onto the controls: their `requests` and `settings` are getters, which a spread would freeze.
  return Object.assign(controls, { url: `${origin}/api`, apilayerUrl: `${origin}/fixer` });
}
