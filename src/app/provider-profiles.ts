/** What is known of each provider the service can read, whatever the configuration: for GET /providers. */
export interface ProviderProfile {
  readonly name: string;
  /** `key`: needs an API key (FIXER_API_KEY); `no key`: free and open. */
  readonly kind: 'key' | 'no key';
  readonly dataUrl: string;
  readonly termsUrl: string;
  /** When new rates appear, in words. */
  readonly cadence: string;
  /** Whether a publication is expected on a day of the week (0 Sunday … 6 Saturday). */
  readonly publishesOn: (weekday: number) => boolean;
}

export const PROVIDER_PROFILES: readonly ProviderProfile[] = [
  {
    name: 'fixer',
    kind: 'key',
    dataUrl: 'https://fixer.io/documentation',
    termsUrl: 'https://fixer.io/terms',
    cadence: 'every calendar day, weekends included (a day is final once it has ended in UTC)',
    publishesOn: () => true,
  },
  {
    name: 'ecb',
    kind: 'no key',
    dataUrl:
      'https://www.ecb.europa.eu/stats/policy_and_exchange_rates/euro_reference_exchange_rates/html/index.en.html',
    termsUrl: 'https://www.ecb.europa.eu/services/disclaimer/html/index.en.html',
    cadence: 'TARGET working days (Monday to Friday, not TARGET holidays), around 16:00 CET',
    // Holidays are learnt from the files (recorded as no publication), not predicted here.
    publishesOn: (weekday) => weekday >= 1 && weekday <= 5,
  },
];
