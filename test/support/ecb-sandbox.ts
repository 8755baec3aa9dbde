import { createEcbPolicy } from '../../src/adapters/ecb/ecb-policy.js';
import { ECB_DEFAULTS, type EcbOptions } from '../../src/adapters/ecb/ecb-options.js';
import { EcbRateProvider } from '../../src/adapters/ecb/ecb-rate-provider.js';
import { isoDate, type IsoDate } from '../../src/domain/iso-date.js';
import { ecbRateTexts, startEcbSandbox, type EcbSandbox, type EcbSandboxOptions } from '../../src/sandbox/ecb/index.js';
import { capturingLogger } from './fixer-sandbox.js';

/**
 * The ECB sandbox's "now" in tests: Friday 2024-06-14 16:00 UTC, just after that day's publication.
 * Its 90-day file reaches back to 2024-03-17, so Easter 2024 (Good Friday 03-29, Easter Monday 04-01)
 * and 1 May fall inside it.
 */
export const ECB_NOW = new Date('2024-06-14T16:00:00Z');

export function startTestEcbSandbox(options: EcbSandboxOptions = {}): Promise<EcbSandbox> {
  return startEcbSandbox({ now: () => ECB_NOW, ...options });
}

/** Small delays and a generous breaker, so tests are quick and only trip the breaker on purpose. */
export function testEcbOptions(baseUrl: string, overrides: Partial<EcbOptions> = {}): EcbOptions {
  return {
    ...ECB_DEFAULTS,
    baseUrl,
    retries: 3,
    timeoutMs: 5_000,
    breakerHalfOpenMs: 60_000,
    breakerThreshold: 100,
    retryInitialDelayMs: 2,
    retryMaxDelayMs: 10,
    ...overrides,
  };
}

/** A provider with its own policy (no breaker state shared between tests) and a captured log. */
export function testEcbProvider(
  baseUrl: string,
  overrides: Partial<EcbOptions> = {},
  clock: () => Date = () => ECB_NOW,
): { provider: EcbRateProvider; logger: ReturnType<typeof capturingLogger> } {
  const logger = capturingLogger();
  const options = testEcbOptions(baseUrl, overrides);
  return { provider: new EcbRateProvider(options, createEcbPolicy(options, logger), logger, clock), logger };
}

/** The file names the sandbox was asked for, in order. */
export const requestedFiles = (sandbox: EcbSandbox): string[] =>
  sandbox.requests.log.map((r) => r.path.slice(r.path.lastIndexOf('/') + 1));

/** What the provider should return for a sandbox day: the XML texts as numbers, plus EUR. */
export const expectedRates = (date: string): Record<string, number> => ({
  EUR: 1,
  ...Object.fromEntries(ecbRateTexts(isoDate(date)).map(([code, rate]) => [code, Number(rate)])),
});

/** The `time` attributes of a file's days, in file order. */
export const daysInXml = (xml: string): IsoDate[] =>
  [...xml.matchAll(/<Cube time=["'](\d{4}-\d{2}-\d{2})["']>/g)].map((m) => m[1] as IsoDate);
