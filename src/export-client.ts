/** A day of an NDJSON export, as `GET /rates?format=ndjson` sends it. */
export interface ExportedDay {
  readonly date: string;
  readonly base: string;
  readonly provider: string;
  readonly rates: Readonly<Record<string, number>>;
}

/** A period of a grouped NDJSON export (`group=week|month`). */
export interface ExportedPeriod {
  readonly period_start: string;
  readonly period_end: string;
  readonly days_observed: number;
  readonly last_date: string;
  readonly average: Readonly<Record<string, number>>;
  readonly last: Readonly<Record<string, number>>;
  readonly providers: readonly string[];
  readonly base: string;
}

export interface ExportQuery {
  readonly from: string;
  readonly to?: string;
  readonly base?: string;
  readonly symbols?: string;
  readonly provider?: 'fixer' | 'ecb';
}

/** Thrown for an error answer before the stream, or for a stream the service cut short. */
export class ExportError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
  ) {
    super(message);
    this.name = 'ExportError';
  }
}

/**
 * Reads `GET /rates?format=ndjson` one line at a time, for ranges of any length (the whole history
 * included) without holding the answer. An error line, or a connection cut before the end, throws.
 */
export function exportRange(
  baseUrl: string,
  query: ExportQuery,
  headers?: Record<string, string>,
): AsyncGenerator<ExportedDay>;
export function exportRange(
  baseUrl: string,
  query: ExportQuery & { readonly group: 'week' | 'month' },
  headers?: Record<string, string>,
): AsyncGenerator<ExportedPeriod>;
export async function* exportRange(
  baseUrl: string,
  query: ExportQuery & { readonly group?: 'week' | 'month' },
  headers: Record<string, string> = {},
): AsyncGenerator<ExportedDay | ExportedPeriod> {
  const params = new URLSearchParams({ format: 'ndjson' });
  for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, String(value));
  const res = await fetch(`${baseUrl.replace(/\/+$/, '')}/rates?${params}`, { headers });
  if (!res.ok || !res.body) {
    // The service's error body: `code` is the stable code, `message` the detail.
    const body = (await res.json().catch(() => ({}))) as { message?: string; code?: string };
    throw new ExportError(body.message ?? `HTTP ${res.status}`, res.status, body.code ?? 'UNKNOWN');
  }
  const decoder = new TextDecoder();
  let pending = '';
  try {
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      pending += decoder.decode(chunk, { stream: true });
      const lines = pending.split('\n');
      pending = lines.pop()!;
      for (const line of lines) {
        const row = JSON.parse(line) as (ExportedDay | ExportedPeriod) & { error?: string; message?: string };
        if (row.error !== undefined) throw new ExportError(row.message ?? 'export failed', 200, row.error);
        yield row;
      }
    }
  } catch (e) {
    if (e instanceof ExportError) throw e;
    throw new ExportError('the export was cut short; retry it', 200, 'STREAM.FAILED');
  }
}
