import type { IncomingMessage } from 'node:http';
import { addDays, utcDateOf, type IsoDate } from '../../domain/iso-date.js';
import { monthOf } from '../../domain/request-budget.js';
import type { ApiResult } from './api-context.js';
import { fixerError, GATEWAY_MESSAGES } from './envelopes.js';
import { fixerJson } from './json-text.js';
import { answerEndpoint } from './routes.js';
import type { FixerSandboxSettings } from './sandbox-options.js';

/** An HTTP answer before it is written. */
export interface Answer {
  readonly status: number;
  readonly text: string;
  readonly contentType: string;
  readonly headers: Readonly<Record<string, string>>;
}

const json = (status: number, body: object, headers: Record<string, string> = {}): Answer => ({
  status,
  text: fixerJson(body),
  contentType: 'application/json; charset=utf-8',
  headers,
});

const envelope = (result: ApiResult, headers: Record<string, string> = {}): Answer =>
  json(200, result.ok ? { success: true, ...result.body } : { success: false, error: result.error }, headers);

/** Counts requests per UTC month against the plan's quota. */
export class QuotaCounter {
  private readonly used = new Map<string, number>();

  take(now: Date, limit: number): boolean {
    const month = monthOf(now);
    const used = this.used.get(month) ?? 0;
    if (used >= limit) return false;
    this.used.set(month, used + 1);
    return true;
  }

  remaining(now: Date, limit: number): number {
    return Math.max(0, limit - (this.used.get(monthOf(now)) ?? 0));
  }

  clear(): void {
    this.used.clear();
  }
}

/** Content faults applied to a successful latest/historical answer (drawn by the caller). */
export interface Corruption {
  readonly wrongDate: boolean;
  readonly zeroRate: boolean;
}

function corrupt(result: ApiResult, c: Corruption): ApiResult {
  if (!result.ok || (!c.wrongDate && !c.zeroRate)) return result;
  const body = { ...(result.body as Record<string, unknown>) };
  if (typeof body.date !== 'string' || typeof body.rates !== 'object' || body.rates === null) return result;
  if (c.wrongDate) body.date = addDays(body.date as IsoDate, -1);
  if (c.zeroRate) {
    const rates = { ...(body.rates as Record<string, number>) };
    const victim = Object.keys(rates).find((code) => code !== body.base);
    if (victim !== undefined) rates[victim] = 0;
    body.rates = rates;
  }
  return { ok: true, body };
}

/**
 * Everything between the socket and the endpoints: URL style, key, method and quota, answered the way
 * each surface does (classic: HTTP 200 envelopes; APILayer: Kong's `{"message"}` with 401/403/404/429).
 */
export function routeRequest(
  req: IncomingMessage,
  url: URL,
  s: FixerSandboxSettings,
  quota: QuotaCounter,
  corruption: Corruption,
): Answer {
  const now = s.now();
  const [prefix, ...rest] = url.pathname.split('/').filter((p) => p !== '');
  const ctx = { plan: s.plan, now, today: utcDateOf(now), dateErrors: s.dateErrors };
  const answer = (segment: string) => corrupt(answerEndpoint(segment, url.searchParams, ctx), corruption);

  if (prefix === 'fixer') {
    if (rest.length !== 1) return json(404, { message: GATEWAY_MESSAGES.noRoute });
    const key = req.headers['apikey'];
    if (key === undefined || key === '') return json(401, { message: GATEWAY_MESSAGES.noKey });
    if (key !== s.key) return json(401, { message: GATEWAY_MESSAGES.invalidKey });
    if (req.method !== 'GET') return json(403, { message: GATEWAY_MESSAGES.forbidden });
    const allowed = quota.take(now, s.monthlyQuota);
    const headers = {
      'x-ratelimit-limit-month': String(s.monthlyQuota),
      'x-ratelimit-remaining-month': String(quota.remaining(now, s.monthlyQuota)),
    };
    if (!allowed) return json(429, { message: GATEWAY_MESSAGES.quota }, headers);
    return envelope(answer(rest[0]!), headers);
  }

  if (prefix === 'api') {
    const key = url.searchParams.get('access_key');
    if (!key) {
      const info = 'You have not supplied an API Access Key. [Required format: access_key=YOUR_ACCESS_KEY]';
      return envelope({ ok: false, error: fixerError(101, 'missing_access_key', info) });
    }
    if (key !== s.key) return envelope({ ok: false, error: fixerError(101) });
    if (!quota.take(now, s.monthlyQuota)) return envelope({ ok: false, error: fixerError(104) });
    if (rest.length > 1) return envelope({ ok: false, error: fixerError(103) });
    return envelope(answer(rest[0] ?? ''));
  }

  return json(404, { message: GATEWAY_MESSAGES.noRoute });
}
