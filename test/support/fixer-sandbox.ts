import { inspect } from 'node:util';
import * as assert from 'uvu/assert';
import { InMemoryRequestBudget } from '../../src/adapters/memory/in-memory-request-budget.js';
import { defaultFixerAuth, type FixerOptions } from '../../src/adapters/fixer/fixer-options.js';
import { FixerRateProvider } from '../../src/adapters/fixer/fixer-rate-provider.js';
import { createFixerPolicy } from '../../src/adapters/fixer/policies.js';
import { isProviderError, type ProviderError } from '../../src/domain/errors.js';
import type { Logger } from '../../src/domain/logger.js';
import type { RequestBudget } from '../../src/domain/request-budget.js';
import { startFixerSandbox, type FixerSandbox, type FixerSandboxOptions } from '../../src/sandbox/fixer/index.js';

/** Distinctive, so a leak is found by a plain substring search. */
export const SANDBOX_KEY = 'k3yLEAKCHECK0123456789abcdef42';

/** The sandbox's "now" in tests: 2024-06-15 noon UTC, so dates in early 2024 are in the past. */
export const SANDBOX_NOW = new Date('2024-06-15T12:00:00Z');

export function startTestSandbox(options: FixerSandboxOptions = {}): Promise<FixerSandbox> {
  return startFixerSandbox({ key: SANDBOX_KEY, now: () => SANDBOX_NOW, ...options });
}

export interface LogLine {
  readonly level: string;
  readonly fields: object;
  readonly message: string;
}

/** A Logger that keeps every line, to assert on what was logged (and what never was). */
export function capturingLogger(): Logger & { readonly lines: LogLine[]; text(): string } {
  const lines: LogLine[] = [];
  const at = (level: string) => (fields: object, message: string) => void lines.push({ level, fields, message });
  return {
    lines,
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    text: () => lines.map((l) => `${l.level} ${l.message} ${JSON.stringify(l.fields)}`).join('\n'),
  };
}

/** Small delays and a generous breaker, so tests are quick and only trip the breaker on purpose. */
export function testFixerOptions(baseUrl: string, overrides: Partial<FixerOptions> = {}): FixerOptions {
  return {
    baseUrl,
    apiKey: SANDBOX_KEY,
    auth: defaultFixerAuth(baseUrl),
    timeseries: 'auto',
    retries: 3,
    timeoutMs: 2_000,
    breakerHalfOpenMs: 60_000,
    breakerThreshold: 100,
    retryInitialDelayMs: 2,
    retryMaxDelayMs: 10,
    ...overrides,
  };
}

export interface TestProvider {
  readonly provider: FixerRateProvider;
  readonly logger: ReturnType<typeof capturingLogger>;
  readonly budget: RequestBudget;
}

/**
 * A provider with its own policy (so no breaker state leaks between tests), budget and captured log.
 * The default budget matches the sandbox's default quota, so reported remaining counts line up.
 */
export function testProvider(
  baseUrl: string,
  overrides: Partial<FixerOptions> = {},
  budget: RequestBudget = new InMemoryRequestBudget({ fixer: 10_000 }),
  clock: () => Date = () => SANDBOX_NOW,
): TestProvider {
  const logger = capturingLogger();
  const options = testFixerOptions(baseUrl, overrides);
  const provider = new FixerRateProvider(options, createFixerPolicy(options, logger), budget, logger, clock);
  return { provider, logger, budget };
}

/** The rejection of `promise` (fails the test when it resolves). */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (e) {
    return e;
  }
  throw new Error('expected a rejection, got a result');
}

/** The rejection of `promise`, which must be a ProviderError (fails the test otherwise). */
export async function providerError(promise: Promise<unknown>): Promise<ProviderError> {
  const e = await rejectionOf(promise);
  assert.ok(isProviderError(e), `expected a ProviderError, got ${String(e)}`);
  return e as ProviderError;
}

/** Everything about an error a log, a report or a crash could print, causes included. */
export const everythingAbout = (e: unknown): string =>
  `${inspect(e, { depth: 10, showHidden: true })}\n${String((e as Error)?.stack ?? '')}\n${JSON.stringify(e)}`;

export interface RawAnswer {
  readonly status: number;
  readonly text: string;
  readonly headers: Headers;
  /** The parsed body, untyped on purpose: contract tests poke at raw Fixer JSON. Throws when not JSON. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json(): any;
}

/** A plain HTTP GET (or other method) returning the raw text, for contract tests of the sandbox. */
export async function httpGet(url: string, init: RequestInit = {}): Promise<RawAnswer> {
  const response = await fetch(url, init);
  const text = await response.text();
  return { status: response.status, text, headers: response.headers, json: () => JSON.parse(text) };
}

/** `promise`, or a rejection after `ms`: keeps a broken close() or hang from stalling the whole run. */
export function within<T>(ms: number, promise: Promise<T>, what = 'operation'): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms`)), ms);
  });
  return Promise.race([promise, limit]).finally(() => clearTimeout(timer));
}

/** Polls `condition` every 5 ms, failing after `ms`. */
export async function waitFor(condition: () => boolean, ms = 2_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`${what} not met within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 5));
  }
}
