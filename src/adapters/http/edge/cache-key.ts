import type { IncomingHttpHeaders } from 'node:http';
import type { ApiMeta } from '../trpc.js';
import type { AppRouter } from '../app-router.js';

/** Query keys whose values are currency codes (or dates, which case does not change): the procedures upper-case them. */
const CURRENCY_KEYS = new Set(['base', 'symbols', 'from', 'to']);
/** Only ASCII letters are upper-cased: `ı`.toUpperCase() is `I`, and a refused value must not share a valid one's key. */
const ASCII_CODES = /^[A-Za-z,]*$/;
/**
 * Request headers an answer may vary on besides Accept-Encoding (which picks a kept variant, not an
 * entry): tRPC's streaming answer differs from its plain one. Accept is not among them: it only picks a
 * CSV or NDJSON stream over the JSON range, and streams never reach the cache (the router and the cache
 * front both decide by `streamAskedBy`), so every JSON answer is the same whatever Accept says; keyed by
 * it, each client's Accept would get its own copy and its own misses.
 */
const VARY_ON = ['trpc-accept'] as const;
/** Raw targets remembered with their canonical form: hits skip parsing. */
const MEMO_MAX = 20_000;
/** Longer targets or keys are never kept: neither the memo nor the cache's keys may grow with what clients send. */
const MAX_KEY_CHARS = 2048;

interface Procedure {
  _def: { type?: string; meta?: ApiMeta };
}

/**
 * The edge cache's key of a request: the canonical request (path, decoded query sorted by key,
 * currency codes upper-cased as the procedures do, tRPC input with its object keys sorted), the
 * headers the answer varies on, and what the caller may see. Only paths that are exactly a read
 * query's route get a key: anything the router could read differently (percent-encoded or dot
 * segments, `//`, admin procedures, batches with one) gets none and always goes to the router.
 */
export class CacheKeys {
  private readonly rest: RegExp;
  private readonly reads: ReadonlySet<string>;
  /** Per raw target: its canonical form (null: not a read route) and the keys made of it, per audience. */
  private readonly memo = new Map<string, { readonly canonical: string; readonly keys: Map<string, string> } | null>();

  constructor(router: AppRouter) {
    const procedures = router._def.procedures as unknown as Record<string, Procedure>;
    const reads = Object.entries(procedures).filter(
      ([, p]) => p._def.type === 'query' && (p._def.meta?.access === 'read' || p._def.meta?.access === 'public'),
    );
    this.reads = new Set(reads.map(([name]) => name));
    const templates = reads
      .map(([, p]) => p._def.meta?.openapi)
      .filter((o) => o?.method === 'GET')
      .map((o) => o!.path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{\w+\}/g, '[A-Za-z0-9_-]+'));
    this.rest = new RegExp(`^(?:${templates.join('|')})/?$`);
  }

  /** The key, or undefined when the request must go to the router. `who`: what the caller may see. */
  of(url: string, headers: IncomingHttpHeaders, who: string): string | undefined {
    if (url.length > MAX_KEY_CHARS) return undefined;
    let known = this.memo.get(url);
    if (known === undefined) {
      const canonical = this.canonical(url);
      known = canonical === null ? null : { canonical, keys: new Map() };
      if (this.memo.size >= MEMO_MAX) this.memo.clear();
      this.memo.set(url, known);
    }
    if (known === null) return undefined;
    let key: string | undefined;
    const varies = !this.targetAlone(headers);
    // The same string each time for a target asked again: its hash is kept, so the cache's lookup is cheap.
    if (!varies) key = known.keys.get(who);
    if (key === undefined) {
      key = `${who}\n${known.canonical}`;
      for (const name of VARY_ON) {
        const v = headers[name];
        if (v !== undefined) key += `\n${name}:${String(v).toLowerCase()}`;
      }
      if (!varies) known.keys.set(who, key);
    }
    return key.length > MAX_KEY_CHARS ? undefined : key;
  }

  /** Whether a request's key depends on its target and audience alone: no header its answer varies on. */
  targetAlone(headers: IncomingHttpHeaders): boolean {
    for (const name of VARY_ON) if (headers[name] !== undefined) return false;
    return true;
  }

  /** The canonical request target, or null when it is not exactly a read route. */
  canonical(url: string): string | null {
    const at = url.indexOf('?');
    let path = at < 0 ? url : url.slice(0, at);
    if (path.length > 1 && path.endsWith('/')) path = path.slice(0, -1);
    if (!this.isRead(path)) return null;
    const query = at < 0 ? '' : url.slice(at + 1);
    const params = [...new URLSearchParams(query)];
    params.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const parts: string[] = [];
    for (const [k, v] of params) {
      let value = v;
      if (CURRENCY_KEYS.has(k) && ASCII_CODES.test(v)) value = v.toUpperCase();
      else if (k === 'input') {
        const json = canonicalJson(v);
        if (json === null) return null;
        value = json;
      }
      parts.push(`${encodeURIComponent(k)}=${encodeURIComponent(value)}`);
    }
    return parts.length === 0 ? path : `${path}?${parts.join('&')}`;
  }

  private isRead(path: string): boolean {
    if (path.startsWith('/trpc/')) {
      const names = path.slice('/trpc/'.length).split(',');
      return names.length > 0 && names.every((n) => this.reads.has(n));
    }
    return this.rest.test(path);
  }
}

/** tRPC's `input` with object keys sorted and currency codes upper-cased, or null when it is not JSON. */
function canonicalJson(text: string): string | null {
  try {
    return JSON.stringify(sortKeys(JSON.parse(text), ''));
  } catch {
    return null;
  }
}

function sortKeys(value: unknown, key: string): unknown {
  if (typeof value === 'string') return CURRENCY_KEYS.has(key) && ASCII_CODES.test(value) ? value.toUpperCase() : value;
  if (Array.isArray(value)) return value.map((v) => sortKeys(v, key));
  if (value === null || typeof value !== 'object') return value;
  // No prototype: a `__proto__` key stays a key (assigning it to a plain object would drop it).
  const out = Object.create(null) as Record<string, unknown>;
  for (const k of Object.keys(value).sort()) out[k] = sortKeys((value as Record<string, unknown>)[k], k);
  return out;
}
