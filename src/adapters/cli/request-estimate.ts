import { chunkBySpan } from '../../app/chunk-by-span.js';
import type { IsoDate } from '../../domain/iso-date.js';

/** What a run would cost one provider at one endpoint. */
export interface RequestEstimate {
  readonly provider: string;
  readonly endpoint: string;
  /** At most this many requests (retries aside); 0 for a fallback that is only asked when the first fails. */
  readonly requests: number;
  readonly note: string;
}

/** What an estimate reads of the configuration. */
export interface EstimateSettings {
  readonly PROVIDERS: readonly string[];
  readonly FIXER_TIMESERIES: 'auto' | 'on' | 'off';
  readonly FIXER_BASE_URL: string;
  readonly ECB_BASE_URL: string;
}

/** Fixer's timeseries covers at most 365 days per request. */
const TIMESERIES_DAYS = 365;

/**
 * The requests a run over `dates` would send, per provider and endpoint, from the configuration alone:
 * what the preferred provider costs, and that fallbacks are only asked for days it fails.
 */
export function estimateRequests(config: EstimateSettings, dates: readonly IsoDate[]): RequestEstimate[] {
  return config.PROVIDERS.map((provider, i) => {
    const fallback = i > 0;
    if (provider === 'fixer') {
      const bulk = config.FIXER_TIMESERIES !== 'off';
      const requests = bulk ? chunkBySpan(dates, TIMESERIES_DAYS).length : dates.length;
      const how = bulk
        ? 'one timeseries request per span of up to 365 days (day by day if the plan refuses timeseries)'
        : 'one request per day (FIXER_TIMESERIES=off)';
      return estimate(provider, config.FIXER_BASE_URL, requests, how, fallback);
    }
    return estimate(provider, config.ECB_BASE_URL, dates.length === 0 ? 0 : 1, 'one file for the whole span', fallback);
  });
}

function estimate(provider: string, endpoint: string, requests: number, how: string, fallback: boolean) {
  return fallback
    ? { provider, endpoint, requests: 0, note: `fallback: only for days the providers before it fail (${how})` }
    : { provider, endpoint, requests, note: how };
}
