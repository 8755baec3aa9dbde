import { XMLParser } from 'fast-xml-parser';
import type { Logger } from '../../domain/logger.js';
import { httpFailure, transientFailure } from './classify.js';
import type { EcbFile } from './ecb-files.js';
import { ECB_PROVIDER } from './ecb-options.js';
import { networkErrorText } from '../resilience/network-error.js';

/** What logs and errors call a request. The ECB needs no key, so the URL path is safe to show. */
export const describeFile = (file: EcbFile): string => `GET /${file}`;

/*
 * Attribute values stay strings (rates are converted by the caller with Number, never rounded through
 * a number parser); namespace prefixes go (`gesmes:Envelope` -> `Envelope`); every Cube is an array, so
 * a file with a single day or a single currency has the same shape as the full history.
 */
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseAttributeValue: false,
  parseTagValue: false,
  removeNSPrefix: true,
  processEntities: false,
  isArray: (name) => name === 'Cube',
});

function networkFailure(e: unknown, what: string, phase: string): Error {
  return transientFailure('NETWORK', `${what} ${phase}: ${networkErrorText(e)}`);
}

/**
 * One attempt at one file: the XML parsed into plain objects. Anything that is not a well-formed
 * `Envelope` document (an HTML error or maintenance page, a body cut short) is transient: the next
 * attempt may get the real file. Whether the document keeps to the ECB's format is checked by the caller.
 */
export async function requestEcbFile(
  baseUrl: string,
  file: EcbFile,
  logger: Logger,
  signal: AbortSignal,
): Promise<unknown> {
  const what = describeFile(file);
  const url = `${baseUrl.replace(/\/+$/, '')}/${file}`;
  logger.debug({ provider: ECB_PROVIDER, request: what }, 'ecb: request');

  let response: Response;
  let text: string;
  try {
    response = await fetch(url, { headers: { accept: 'application/xml, text/xml' }, signal });
  } catch (e) {
    throw networkFailure(e, what, 'could not be sent');
  }
  try {
    text = await response.text();
  } catch (e) {
    throw networkFailure(e, what, 'answer was cut off');
  }
  logger.debug({ provider: ECB_PROVIDER, request: what, status: response.status, bytes: text.length }, 'ecb: response');
  if (response.status < 200 || response.status > 299) throw httpFailure(response.status, what);

  const type = response.headers.get('content-type') ?? 'no content type';
  const notXml = (detail: string) =>
    transientFailure(
      'INVALID_XML',
      `${what} answered a body that is not the ECB's XML (${type}, ${text.length} bytes): ${detail}`,
    );
  let document: unknown;
  try {
    // `true`: validate while parsing, so a body cut short fails instead of yielding the days before the cut.
    document = parser.parse(text, true);
  } catch (e) {
    throw notXml(e instanceof Error ? e.message : String(e));
  }
  if (typeof document !== 'object' || document === null || !('Envelope' in document)) {
    throw notXml('no Envelope root element');
  }
  return document;
}
