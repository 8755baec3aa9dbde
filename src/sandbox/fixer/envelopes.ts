/** The `error` object of Fixer's `{"success": false, "error": {...}}` envelope. */
export interface FixerErrorBody {
  readonly code: number;
  readonly type: string;
  readonly info?: string;
}

const RANGE_FORMAT = '[Required format: ...&start_date=YYYY-MM-DD&end_date=YYYY-MM-DD]';
const BAD_DATE = 'Please try again or refer to the API documentation available at https://serpstack.com/documentation.';

/** Slugs and texts as observed (fixer-api.md §3); 105 and 201 come without `info`, as in real captures. */
const DEFAULTS: Readonly<Record<number, { type: string; info?: string }>> = {
  101: {
    type: 'invalid_access_key',
    info: 'You have not supplied a valid API Access Key. [Technical Support: support@apilayer.com]',
  },
  102: { type: 'inactive_user', info: 'The current user account is not active.' },
  103: { type: 'invalid_api_function', info: 'This API Function does not exist.' },
  104: {
    type: 'usage_limit_reached',
    info: 'Your monthly API request volume has been reached. Please upgrade your plan.',
  },
  105: { type: 'function_access_restricted' },
  106: { type: 'no_rates_available', info: 'Your query did not return any results. Please try again.' },
  201: { type: 'invalid_base_currency' },
  202: {
    type: 'invalid_currency_codes',
    info: 'You have provided one or more invalid Currency Codes. [Required format: currencies=EUR,USD,GBP,...]',
  },
  301: { type: 'no_date_specified', info: 'You have not specified a date. [Required format: date=YYYY-MM-DD]' },
  302: { type: 'invalid_date', info: 'You have entered an invalid date. [Required format: date=YYYY-MM-DD]' },
  401: { type: 'invalid_from_currency', info: 'You have entered an invalid "from" property. [Example: from=EUR]' },
  402: { type: 'invalid_to_currency', info: 'You have entered an invalid "to" property. [Example: to=GBP]' },
  403: {
    type: 'invalid_conversion_amount',
    info: 'You have not specified an amount to be converted. [Example: amount=5]',
  },
  404: { type: '404_not_found', info: 'The requested resource does not exist.' },
  501: { type: 'no_timeframe_supplied', info: `You have not specified a Time-Frame. ${RANGE_FORMAT}` },
  502: { type: 'invalid_start_date', info: `You have specified an invalid start date. ${BAD_DATE}` },
  503: { type: 'invalid_end_date', info: `You have specified an invalid end date. ${BAD_DATE}` },
  504: { type: 'invalid_time_frame', info: `You have entered an invalid Time-Frame. ${RANGE_FORMAT}` },
  505: { type: 'time_frame_too_long', info: 'The Time-Frame you entered is too long. [max. 365 days]' },
};

/** The envelope error for `code`; `type` overrides the default slug (e.g. `missing_access_key`). */
export function fixerError(code: number, type?: string, info?: string): FixerErrorBody {
  const known = DEFAULTS[code];
  const resolvedInfo = info ?? (type === undefined ? known?.info : undefined);
  return {
    code,
    type: type ?? known?.type ?? 'sandbox_injected_error',
    ...(resolvedInfo === undefined ? {} : { info: resolvedInfo }),
  };
}

/** APILayer gateway (Kong) texts: these bodies have only `message`, no `success`. */
export const GATEWAY_MESSAGES = {
  noKey: 'No API key found in request',
  invalidKey: 'Invalid authentication credentials',
  forbidden: 'You cannot consume this service',
  noRoute: 'no Route matched with those values',
  quota:
    'You have exceeded your daily/monthly API rate limit. Please review and upgrade your subscription plan at https://promptapi.com/subscriptions to continue.',
} as const;
