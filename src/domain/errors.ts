/**
 * Expected failures of the domain. Each has a stable `code` that clients may rely on; transports map
 * codes to their own statuses in one place (the domain knows nothing of HTTP).
 */
export abstract class DomainError extends Error {
  abstract readonly code: string;
  /** Brand: survives duplicate copies of this module, unlike `instanceof`. */
  readonly isDomainError = true;
}

export const isDomainError = (e: unknown): e is DomainError =>
  e instanceof Error && (e as Partial<DomainError>).isDomainError === true;

/** The database cannot be reached now (an outage, not a bug): answers resume when it returns. */
export class StorageUnavailableError extends DomainError {
  readonly code = 'STORAGE.UNAVAILABLE';
  constructor(options?: { readonly cause?: unknown }) {
    super('the rates database is unavailable; try again shortly', options);
  }
}

export class InvalidDateError extends DomainError {
  readonly code = 'RATES.INVALID_DATE';
  constructor(readonly input: string) {
    super(`"${input}" is not a calendar date in YYYY-MM-DD form`);
  }
}

export class FutureDateError extends DomainError {
  readonly code = 'RATES.FUTURE_DATE';
  constructor(
    readonly date: string,
    readonly today: string,
  ) {
    super(`${date} is in the future (today is ${today} UTC)`);
  }
}

export class InvalidCurrencyError extends DomainError {
  readonly code = 'RATES.INVALID_CURRENCY';
  constructor(readonly input: string) {
    super(`"${input}" is not a currency code (three letters A-Z)`);
  }
}

export class UnknownCurrencyError extends DomainError {
  readonly code = 'RATES.UNKNOWN_CURRENCY';
  constructor(
    readonly currencies: readonly string[],
    readonly date: string,
  ) {
    super(`no rate for ${currencies.join(', ')} on ${date}`);
  }
}

export class RatesNotFoundError extends DomainError {
  readonly code = 'RATES.NOT_FOUND';
  constructor(readonly date: string) {
    super(`no rates stored for ${date}`);
  }
}

export class InvalidAsOfError extends DomainError {
  readonly code = 'RATES.INVALID_AS_OF';
  constructor(readonly input: string) {
    super(`"${input}" is not an RFC 3339 instant (2024-01-02T12:00:00Z) or a date (YYYY-MM-DD)`);
  }
}

export class FutureAsOfError extends DomainError {
  readonly code = 'RATES.FUTURE_AS_OF';
  constructor(
    readonly asOf: string,
    readonly now: string,
  ) {
    super(`as_of ${asOf} is in the future (now is ${now})`);
  }
}

/**
 * Nothing was stored for the day at `asOf`; `firstStoredAt` says when it first was (null: never; undefined:
 * not known, as for "any day").
 */
export class NotStoredAtError extends DomainError {
  readonly code = 'RATES.NOT_STORED_AT';
  constructor(
    readonly date: string,
    readonly asOf: Date,
    readonly firstStoredAt?: Date | null,
  ) {
    const first =
      firstStoredAt === undefined
        ? ''
        : firstStoredAt === null
          ? '; they have never been stored'
          : `; they were first stored at ${firstStoredAt.toISOString()}`;
    super(`no rates were stored for ${date} at ${asOf.toISOString()}${first}`);
  }
}

/** Nothing stored at all (from that provider): a fresh service whose ingestion has not landed anything. */
export class NothingStoredError extends DomainError {
  readonly code = 'RATES.NOT_FOUND';
  constructor(readonly provider?: string) {
    super(
      `no rates${provider ? ` from ${provider}` : ''} are stored yet: ingestion has not stored anything. ` +
        'GET /ingest/runs (admin) and the service log say what the runs did; `npm run ingest` fetches now.',
    );
  }
}

export class InvalidRangeError extends DomainError {
  readonly code = 'RATES.INVALID_RANGE';
  constructor(message: string) {
    super(message);
  }
}

export class RangeTooLargeError extends DomainError {
  readonly code = 'RATES.RANGE_TOO_LARGE';
  constructor(message: string) {
    super(message);
  }
}

export class InvalidAmountError extends DomainError {
  readonly code = 'RATES.INVALID_AMOUNT';
  constructor(readonly amount: number) {
    super(`amount must be a finite number greater than 0 (got ${amount})`);
  }
}

/** How a provider failure should be treated: retried, stopped for the month, or given up on. */
export type ProviderErrorKind = 'transient' | 'quota' | 'permanent';

/**
 * What a failure says about other requests: `request` concerns this one only (a day with no data);
 * `provider` means every request would fail now (bad key, spent quota, open circuit), so a run stops.
 */
export type ProviderErrorScope = 'request' | 'provider';

export class ProviderError extends DomainError {
  readonly code = 'PROVIDER.FAILED';
  constructor(
    readonly provider: string,
    readonly kind: ProviderErrorKind,
    /** The provider's own error code (e.g. Fixer's 104, or an HTTP status), when it gave one. */
    readonly providerCode: string | number | undefined,
    message: string,
    readonly scope: ProviderErrorScope = kind === 'quota' ? 'provider' : 'request',
  ) {
    super(`${provider}: ${message}`);
  }
}

/**
 * The provider published nothing for that day (the ECB skips weekends and TARGET holidays). Not a
 * failure: there is nothing to fetch, now or later.
 */
export class NoPublicationError extends DomainError {
  readonly code = 'PROVIDER.NO_PUBLICATION';
  constructor(
    readonly provider: string,
    readonly date: string,
  ) {
    super(`${provider}: no rates published for ${date}`);
  }
}

export const isNoPublicationError = (e: unknown): e is NoPublicationError =>
  isDomainError(e) && e.code === 'PROVIDER.NO_PUBLICATION';

export const isProviderError = (e: unknown): e is ProviderError => isDomainError(e) && e.code === 'PROVIDER.FAILED';
