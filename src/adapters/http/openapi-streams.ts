type Operation = {
  description?: string;
  responses: Record<string, { description?: string; content?: object; headers?: object }>;
};
type Document = { paths?: Record<string, Record<string, Operation>> };

const NDJSON_LINE = {
  type: 'string',
  description:
    'One JSON object per line: `{"date","base","provider","rates"}` per stored day, or with `group` ' +
    '`{"period_start","period_end","days_observed","last_date","average","last","providers","base"}` per period. ' +
    'A stream that fails after it began ends with `{"error":"STREAM.FAILED","message"}` and the connection is ' +
    'aborted (no terminating chunk).',
};
const CSV_TEXT = {
  type: 'string',
  description:
    'RFC 4180, CRLF line ends, a header row. Daily: `date`, one column per currency, `base`, `provider`. ' +
    'With `group`: `period_start,period_end,days_observed,last_date`, then `<CUR>_average` and `<CUR>_last` per ' +
    'currency, `base`, `providers`. Numbers as stored (derived values and averages rounded to 9 significant ' +
    'digits); an empty field is a currency without a rate that day. A stream that fails after it began is ' +
    'aborted without its terminating chunk.',
};
const RANGE_HEADERS = {
  'X-Range-To': { description: 'The last day asked (today when `to` was left out)', schema: { type: 'string' } },
  'X-Range-Last-Date': { description: 'The newest stored day in the range (empty: none)', schema: { type: 'string' } },
};

/**
 * `GET /rates` also answers NDJSON and CSV (streamed by the HTTP edge, not by the procedure): the
 * generator knows only JSON, so both content types are added to its 200 here.
 */
export function addStreamedFormats<D extends object>(doc: D): D {
  const operation = (doc as Document).paths?.['/rates']?.get;
  const ok = operation?.responses['200'];
  if (!operation || !ok) return doc;
  ok.content = {
    ...ok.content,
    'application/x-ndjson': { schema: NDJSON_LINE },
    'text/csv': { schema: CSV_TEXT },
  };
  ok.headers = { ...ok.headers, ...RANGE_HEADERS };
  return doc;
}
