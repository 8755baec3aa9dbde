import { addDays, utcDateOf, type IsoDate } from '../../domain/iso-date.js';
import { ecbRateTexts } from './ecb-rates.js';
import { FIRST_ECB_DAY, isPublicationDay, newestPublishedDay } from './target-calendar.js';

/** The three files the ECB publishes under `/stats/eurofxref/`. */
export const ECB_FILE_NAMES = ['eurofxref-daily.xml', 'eurofxref-hist-90d.xml', 'eurofxref-hist.xml'] as const;
export type EcbFileName = (typeof ECB_FILE_NAMES)[number];

export const isEcbFileName = (name: string): name is EcbFileName =>
  (ECB_FILE_NAMES as readonly string[]).includes(name);

/** The publication days a file holds at `now`, newest first (the ECB's order). */
export function daysOf(file: EcbFileName, now: Date): IsoDate[] {
  const newest = newestPublishedDay(now);
  if (file === 'eurofxref-daily.xml') return [newest];
  const oldest = file === 'eurofxref-hist.xml' ? FIRST_ECB_DAY : addDays(utcDateOf(now), -89);
  const days: IsoDate[] = [];
  for (let d = newest; d >= oldest; d = addDays(d, -1)) if (isPublicationDay(d)) days.push(d);
  return days;
}

const HEAD = `<?xml version="1.0" encoding="UTF-8"?>
<gesmes:Envelope xmlns:gesmes="http://www.gesmes.org/xml/2002-08-01" xmlns="http://www.ecb.int/vocabulary/2002-08-01/eurofxref">
\t<gesmes:subject>Reference rates</gesmes:subject>
\t<gesmes:Sender>
\t\t<gesmes:name>European Central Bank</gesmes:name>
\t</gesmes:Sender>
\t<Cube>`;
const TAIL = `\t</Cube>
</gesmes:Envelope>
`;

/** The ECB's layout: the daily file quotes attributes with `'`, the history files with `"`. */
function render(days: readonly IsoDate[], q: string): string {
  const parts = [HEAD];
  for (const date of days) {
    parts.push(`\t\t<Cube time=${q}${date}${q}>`);
    for (const [code, rate] of ecbRateTexts(date)) {
      parts.push(`\t\t\t<Cube currency=${q}${code}${q} rate=${q}${rate}${q}/>`);
    }
    parts.push('\t\t</Cube>');
  }
  parts.push(TAIL);
  return parts.join('\n');
}

/** One text per file, for the latest (newest day, today) seen: the full history takes a moment to build. */
const cache = new Map<EcbFileName, { key: string; text: string }>();

/** The XML text of `file` as the ECB would serve it at `now` (SYNTHETIC rates). */
export function fileText(file: EcbFileName, now: Date): string {
  const key = `${newestPublishedDay(now)}|${utcDateOf(now)}`;
  const cached = cache.get(file);
  if (cached?.key === key) return cached.text;
  const text = render(daysOf(file, now), file === 'eurofxref-daily.xml' ? "'" : '"');
  cache.set(file, { key, text });
  return text;
}
