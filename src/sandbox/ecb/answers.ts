import { errorPage, MAINTENANCE_PAGE } from '../fixer/faults.js';
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

export type Fault = 'hang' | 'fail' | 'html' | 'truncate' | 'invalid-rate';

/** At most one fault per request, from a single draw so the fractions add up. */
export function pickFault(s: EcbSandboxSettings, draw: number): Fault | null {
  let edge = 0;
  for (const [fault, rate] of [
    ['hang', s.hangRate],
    ['fail', s.failRate],
    ['html', s.htmlRate],
    ['truncate', s.truncateRate],
    ['invalid-rate', s.invalidRateRate],
  ] as const) {
    edge += rate;
    if (draw < edge) return fault;
  }
  return null;
}

export function answerFor(url: URL, s: EcbSandboxSettings, fault: Fault | null, failStatus: number): Answer | null {
  if (fault === 'hang') return null;
  if (fault === 'fail') return { status: failStatus, text: errorPage(failStatus), contentType: 'text/html' };
  if (fault === 'html') return { status: 200, text: MAINTENANCE_PAGE, contentType: HTML };
  const prefix = `${ECB_BASE_PATH}/`;
  const name = url.pathname.startsWith(prefix) ? url.pathname.slice(prefix.length) : '';
  if (!isEcbFileName(name)) return { status: 404, text: errorPage(404), contentType: HTML };
  const text = fileText(name, s.now());
  if (fault === 'truncate')
    return { status: 200, text: text.slice(0, Math.max(1, Math.floor(text.length / 2))), contentType: XML };
  if (fault === 'invalid-rate')
    return {
      status: 200,
      text: text.replace(/rate=(["'])[^"']*\1/, (_, q: string) => `rate=${q}0${q}`),
      contentType: XML,
    };
  return { status: 200, text, contentType: XML };
}
