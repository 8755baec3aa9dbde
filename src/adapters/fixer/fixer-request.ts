import { ProviderError } from '../../domain/errors.js';
import type { Logger } from '../../domain/logger.js';
import type { RequestBudget } from '../../domain/request-budget.js';
import { envelopeFailure, httpFailure, transientFailure } from './classify.js';
import { FIXER_PROVIDER, type FixerOptions } from './fixer-options.js';
import { redact } from './redact.js';
import { envelopeErrorSchema, gatewayErrorSchema } from './responses.js';
import { networkErrorText } from '../resilience/network-error.js';

export interface FixerRequestDeps {
  readonly options: FixerOptions;
  readonly budget: RequestBudget;
  readonly logger: Logger;
  readonly clock: () => Date;
}

/** One API call: `endpoint` is the path segment (`2024-01-02`, `timeseries`), `params` excludes the key. */
export interface FixerCall {
  readonly endpoint: string;
  readonly params: Readonly<Record<string, string>>;
}

/** What logs and errors call a request: endpoint and parameters, never the URL (a classic URL holds the key). */
export const describeCall = (call: FixerCall): string =>
  `GET /${call.endpoint}${Object.keys(call.params).length ? `?${new URLSearchParams(call.params)}` : ''}`;

function buildRequest(call: FixerCall, options: FixerOptions): { url: string; headers: Record<string, string> } {
  const params = new URLSearchParams(call.params);
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.auth === 'query') params.set('access_key', options.apiKey);
  else headers.apikey = options.apiKey;
  return { url: `${options.baseUrl.replace(/\/+$/, '')}/${call.endpoint}?${params}`, headers };
}

/**
 * Fetch errors carry the URL (and with it a classic key) in their message or cause chain; keep only a
 * redacted one-line summary and never pass the original error on.
 */
function networkFailure(e: unknown, what: string, secret: string, phase: string): ProviderError {
  return transientFailure('NETWORK', `${what} ${phase}: ${redact(networkErrorText(e), secret)}`);
}

/**
 * Performs one attempt, paid for from the request budget, and returns the parsed JSON of a successful
 * answer (`success: true`). Every failure is thrown as a classified, key-free `ProviderError`.
 */
export async function requestFixer(call: FixerCall, deps: FixerRequestDeps, signal: AbortSignal): Promise<unknown> {
  const { options, budget, logger, clock } = deps;
  const what = describeCall(call);
  if (!(await budget.tryTake(FIXER_PROVIDER, clock(), options.baseUrl))) {
    throw new ProviderError(
      FIXER_PROVIDER,
      'quota',
      'BUDGET_EXHAUSTED',
      `${what} not sent: this month's request budget is used up`,
    );
  }
  const { url, headers } = buildRequest(call, options);
  logger.debug({ provider: FIXER_PROVIDER, request: what }, 'fixer: request');

  let response: Response;
  let text: string;
  try {
    response = await fetch(url, { headers, signal });
  } catch (e) {
    throw networkFailure(e, what, options.apiKey, 'could not be sent');
  }
  const remaining = Number(response.headers.get('x-ratelimit-remaining-month') ?? NaN);
  if (Number.isInteger(remaining) && remaining >= 0)
    await budget.reportRemaining(FIXER_PROVIDER, remaining, clock(), options.baseUrl);
  try {
    text = await response.text();
  } catch (e) {
    throw networkFailure(e, what, options.apiKey, 'answer was cut off');
  }
  logger.debug(
    { provider: FIXER_PROVIDER, request: what, status: response.status, bytes: text.length },
    'fixer: response',
  );

  let body: unknown;
  let parsedJson = true;
  try {
    body = JSON.parse(text);
  } catch {
    parsedJson = false;
  }
  if (response.status < 200 || response.status > 299) {
    const gateway = gatewayErrorSchema.safeParse(body);
    const failure = httpFailure(
      response.status,
      gateway.success ? redact(gateway.data.message, options.apiKey) : undefined,
      what,
    );
    if (failure.kind === 'quota') await budget.reportRemaining(FIXER_PROVIDER, 0, clock(), options.baseUrl);
    throw failure;
  }
  if (!parsedJson) {
    const type = response.headers.get('content-type') ?? 'no content type';
    throw transientFailure(
      'INVALID_JSON',
      `${what} answered a body that is not JSON or is truncated (${type}, ${text.length} bytes)`,
    );
  }
  const envelope = envelopeErrorSchema.safeParse(body);
  if (envelope.success) {
    const { error } = envelope.data;
    const failure = envelopeFailure(
      { ...error, ...(error.info === undefined ? {} : { info: redact(error.info, options.apiKey) }) },
      what,
    );
    if (failure.kind === 'quota') await budget.reportRemaining(FIXER_PROVIDER, 0, clock(), options.baseUrl);
    throw failure;
  }
  return body;
}
