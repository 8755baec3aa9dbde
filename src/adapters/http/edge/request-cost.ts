import { MAX_NARROW_RANGE_DAYS } from '../../../app/get-range.js';

/** Calls one tRPC batch may carry; more is refused with 400 before any of them runs. */
export const MAX_BATCH_CALLS = 20;
/**
 * Rate-limit tokens one request may cost in all: this bounds the answer of a batch (about 2.5 MB of JSON
 * at most, see CELLS_PER_TOKEN) as MAX_RANGE_DAYS bounds the answer of one range.
 */
export const MAX_REQUEST_COST = 32;
/** Rates (days x currencies) one token pays for in a range: about 30 days of every currency, ~75 kB of JSON. */
export const CELLS_PER_TOKEN = 5_000;
/** Currencies a range without `symbols` is counted for: what Fixer publishes on a day. */
export const ALL_CURRENCIES = 170;

const DAY_MS = 86_400_000;

export type RequestCost =
  { readonly ok: true; readonly cost: number } | { readonly ok: false; readonly message: string };

/**
 * What a request costs in rate-limit tokens, from its target alone (nothing is read or run): 1 per
 * call, and a range as many as it asks rates (days x currencies) per CELLS_PER_TOKEN; a tRPC batch is
 * the sum of its calls. Decided before any work, so a refusal costs the service nothing.
 */
export function requestCost(url: string): RequestCost {
  const at = url.indexOf('?');
  const path = at < 0 ? url : url.slice(0, at);
  const query = new URLSearchParams(at < 0 ? '' : url.slice(at + 1));
  if (path === '/rates') return { ok: true, cost: rangeCost(query.get('from'), query.get('to'), query.get('symbols')) };
  if (!path.startsWith('/trpc/')) return { ok: true, cost: 1 };
  // Fastify decodes the path parameter tRPC reads: `%2C` separates calls as well as `,` does.
  const calls = decoded(path.slice('/trpc/'.length)).split(',');
  if (calls.length > MAX_BATCH_CALLS) {
    return {
      ok: false,
      message: `${calls.length} calls in one batch; at most ${MAX_BATCH_CALLS} per request`,
    };
  }
  const inputs = trpcInputs(query, calls.length);
  const cost = calls.reduce((sum, call, i) => sum + callCost(call, inputs[i]), 0);
  if (cost > MAX_REQUEST_COST) {
    return {
      ok: false,
      message:
        `this batch asks ${cost} units of work; at most ${MAX_REQUEST_COST} per request ` +
        `(a range costs one per ${CELLS_PER_TOKEN} rates): split it, or name fewer symbols`,
    };
  }
  return { ok: true, cost };
}

function callCost(procedure: string, input: unknown): number {
  if (procedure !== 'rates.range' || typeof input !== 'object' || input === null) return 1;
  const { from, to, symbols } = input as Record<string, unknown>;
  return rangeCost(from, to, symbols);
}

/** A range's tokens; what cannot be read is counted as 1 here (validation refuses it later). */
function rangeCost(from: unknown, to: unknown, symbols: unknown): number {
  const start = typeof from === 'string' ? Date.parse(from) : Number.NaN;
  const end = typeof to === 'string' ? Date.parse(to) : Number.NaN;
  if (!Number.isFinite(start) || !Number.isFinite(end) || end < start) return 1;
  const days = Math.min(MAX_NARROW_RANGE_DAYS, Math.floor((end - start) / DAY_MS) + 1);
  const currencies = typeof symbols === 'string' && symbols !== '' ? symbols.split(',').length : ALL_CURRENCIES;
  return Math.max(1, Math.ceil((days * Math.min(currencies, ALL_CURRENCIES)) / CELLS_PER_TOKEN));
}

/** The inputs of a tRPC GET: `input` is one JSON value, or with `batch=1` an object keyed by call index. */
function trpcInputs(query: URLSearchParams, calls: number): unknown[] {
  const raw = query.get('input');
  if (raw === null) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return [];
  }
  if (query.get('batch') !== '1') return [parsed];
  const byIndex = (typeof parsed === 'object' && parsed !== null ? parsed : {}) as Record<string, unknown>;
  return Array.from({ length: calls }, (_, i) => byIndex[String(i)]);
}

function decoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
