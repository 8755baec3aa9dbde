import { errorPage, failAnswer, MAINTENANCE_ANSWER } from '../fault-pages.js';
import { pickFault, transportFaultRates, truncated, type TransportFault } from '../transport-faults.js';
import { fileText, isEcbFileName } from './ecb-files.js';
import type { EcbSandboxSettings } from './sandbox-options.js';

/** Where the files live, as on www.ecb.europa.eu. */
export const ECB_BASE_PATH = '/stats/eurofxref';

/** An HTTP answer before it is written. */
export interface Answer {
  readonly status: number;
  readonly text: string;
  readonly contentType: string;
}

const XML = 'text/xml';
const HTML = 'text/html; charset=UTF-8';

export type Fault = TransportFault | 'invalid-rate';

/** The ECB's content fault comes after the transport faults, from the same single draw. */
export const pickEcbFault = (s: EcbSandboxSettings, draw: number): Fault | null =>
  pickFault(draw, [...transportFaultRates(s), ['invalid-rate', s.invalidRateRate]]);

export function answerFor(url: URL, s: EcbSandboxSettings, fault: Fault | null, failStatus: number): Answer | null {
  if (fault === 'hang') return null;
  if (fault === 'fail') return failAnswer(failStatus);
  if (fault === 'html') return MAINTENANCE_ANSWER;
  const prefix = `${ECB_BASE_PATH}/`;
  const name = url.pathname.startsWith(prefix) ? url.pathname.slice(prefix.length) : '';
  if (!isEcbFileName(name)) return { status: 404, text: errorPage(404), contentType: HTML };
  const text = fileText(name, s.now());
  if (fault === 'truncate') return { status: 200, text: truncated(text), contentType: XML };
  if (fault === 'invalid-rate')
    return {
      status: 200,
      text: text.replace(/rate=(["'])[^"']*\1/, (_, q: string) => `rate=${q}0${q}`),
      contentType: XML,
    };
  return { status: 200, text, contentType: XML };
}
