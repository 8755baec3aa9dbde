/**
 * A local stand-in for the ECB's euro reference rate files that serves SYNTHETIC rates (generated, not
 * market data) over real HTTP, for tests and offline demos: the daily, 90-day and full-history XML
 * files in the ECB's format, working days only (weekends and TARGET holidays absent), published from
 * 15:00 UTC, with faults injected on demand. It is only ever used when a base URL points at it.
 */
import { startSandboxServer, type SandboxControls, type SandboxRequestRecord } from '../sandbox-server.js';
import { drawDelayMs, drawFailStatus } from '../transport-faults.js';
import { answerFor, ECB_BASE_PATH, pickEcbFault } from './answers.js';
import { DEFAULT_ECB_SETTINGS, type EcbSandboxOptions, type EcbSandboxSettings } from './sandbox-options.js';

/** One request as received. Outcome: `ok`, `not-found`, or the fault (`hang`, `fail`, `html`, `truncate`, `invalid-rate`). */
export type EcbSandboxRequest = SandboxRequestRecord;

export interface EcbSandbox extends SandboxControls<EcbSandboxSettings> {
  /** The base URL for the provider: `http://127.0.0.1:PORT/stats/eurofxref`. */
  readonly url: string;
}

export async function startEcbSandbox(options: EcbSandboxOptions = {}): Promise<EcbSandbox> {
  const { port = 0, host = '127.0.0.1', ...given } = options;
  const controls = await startSandboxServer<EcbSandboxSettings>({
    port,
    host,
    initial: { ...DEFAULT_ECB_SETTINGS, ...given },
    recordPath: (url) => `${url.pathname}${url.search}`,
    respond(_req, url, s, random) {
      const fault = pickEcbFault(s, random());
      const failStatus = drawFailStatus(s, random);
      const delayMs = drawDelayMs(s, random);
      const answer = answerFor(url, s, fault, failStatus);
      return { answer, outcome: fault ?? (answer?.status === 404 ? 'not-found' : 'ok'), delayMs };
    },
  });
  // Assign onto the controls: their `requests` and `settings` are getters, which a spread would freeze.
  return Object.assign(controls, { url: `http://${host}:${controls.port}${ECB_BASE_PATH}` });
}
