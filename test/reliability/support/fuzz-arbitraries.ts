import fc from 'fast-check';

/** Dates as clients get them wrong, and right: `stored` are days the service has. */
export const dateish = (stored: readonly string[]): fc.Arbitrary<string> =>
  fc.oneof(
    fc.constantFrom(...stored),
    fc
      .date({ min: new Date('0001-01-01'), max: new Date('9999-12-31'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10)),
    fc.constantFrom(
      '2024-02-30',
      '2023-02-29',
      '0000-00-00',
      '9999-12-31',
      '2024-1-1',
      '20240101',
      '2024-01-02T00:00:00Z',
      'latest',
      'today',
      '-1',
      '',
    ),
    fc.string({ maxLength: 12 }),
  );

const currencyish = fc.oneof(
  fc.constantFrom('USD', 'EUR', 'GBP', 'JPY', 'usd', 'XXX', 'ZZZ', 'EURO', 'E', '', 'BTC', 'XAU'),
  fc.string({ minLength: 3, maxLength: 3 }),
);

const symbolsish = fc.oneof(
  fc.array(currencyish, { maxLength: 12 }).map((xs) => xs.join(',')),
  fc.constantFrom(',,,', 'USD,,GBP', 'USD;GBP', 'USD GBP'),
  fc.integer({ min: 200, max: 1500 }).map((n) => Array.from({ length: n }, () => 'USD').join(',')),
);

const amountish = fc.oneof(
  fc.double().map(String),
  fc.integer().map(String),
  fc.constantFrom('NaN', 'Infinity', '-Infinity', '1e309', '-0', '0x10', '1_000', '1,5', '١٢٣', '', ' 5', '5e-324'),
);

/** Strings nobody should send: unicode of every plane, control characters, very long runs, operators. */
export const nasty = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.integer({ min: 1000, max: 6000 }).map((n) => 'x'.repeat(n)),
  fc.constantFrom(
    '{"$gt":""}',
    '{"$ne":null}',
    '[]',
    '{}',
    'null',
    'undefined',
    '__proto__',
    '%',
    '%%',
    '%00',
    '\u0000',
    '../../etc/passwd',
    '<script>',
  ),
);

/** A query value: mostly something close to valid for some parameter. */
const value = (stored: readonly string[]) =>
  fc.oneof(
    dateish(stored),
    currencyish,
    symbolsish,
    amountish,
    nasty,
    fc.constantFrom('csv', 'ndjson', 'json', 'week', 'month'),
  );

/** The parameters the rates routes know: generated keys are mostly these, to reach past the unknown-key check. */
const PARAMETERS = ['date', 'base', 'symbols', 'amount', 'from', 'to', 'fallback', 'provider', 'format', 'group'];

const key = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.constantFrom(...PARAMETERS),
  },
  fc.constantFrom('input', 'batch', 'base[$gt]', 'symbols[]', '__proto__', 'constructor', 'access_key', ''),
  fc.string({ maxLength: 10 }),
);

const enc = (s: string) => {
  try {
    return encodeURIComponent(s);
  } catch {
    return escape(s); // lone surrogates: encodeURIComponent refuses them
  }
};

/** `?k=v&...`, keys repeated or unknown, values encoded or (for printable ASCII) raw. */
export const query = (stored: readonly string[]): fc.Arbitrary<string> =>
  fc
    .array(fc.tuple(key, value(stored), fc.boolean()), { maxLength: 8 })
    .map((pairs) =>
      pairs.length === 0 ? '' : `?${pairs.map(([k, v, raw]) => `${enc(k)}=${raw ? v : enc(v)}`).join('&')}`,
    );

const segment = (stored: readonly string[]) =>
  fc.oneof(
    fc.constantFrom(
      'rates',
      'latest',
      'convert',
      'currencies',
      'docs',
      'trpc',
      'openapi.json',
      '..',
      '.',
      '%2e%2e',
      '%2F',
      '',
      'index.html',
    ),
    dateish(stored).map(enc),
    nasty.map((s) => (s.length > 100 ? s : enc(s))),
  );

/** A REST request: method, path (known routes or random segments) and query. */
export const restRequest = (stored: readonly string[]) =>
  fc.record({
    method: fc.oneof(
      { weight: 8, arbitrary: fc.constant('GET') },
      fc.constantFrom('HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'PATCH'),
    ),
    path: fc.oneof(
      dateish(stored).map((d) => `/rates/${enc(d)}`),
      fc.constantFrom(
        '/rates',
        '/rates/latest',
        '/convert',
        '/currencies',
        '/providers',
        '/openapi.json',
        '/docs',
        '/docs/',
        '/',
      ),
      fc.array(segment(stored), { minLength: 1, maxLength: 5 }).map((xs) => `/${xs.join('/')}`),
    ),
    query: query(stored),
    body: fc.option(
      fc.jsonValue().map((v) => JSON.stringify(v)),
      { nil: undefined },
    ),
  });

/** Values for tRPC inputs: wrong types, objects where strings belong, Mongo operators. */
const anyValue = (stored: readonly string[]) =>
  fc.oneof(
    dateish(stored),
    currencyish,
    fc.jsonValue({ maxDepth: 3 }),
    fc.constantFrom(
      { $gt: '' },
      { $ne: null },
      { $where: 'sleep(1000)' },
      { $regex: '.*' },
      ['USD', 'GBP'],
      1e308,
      -1,
      true,
      null,
    ),
  );

const trpcInput = (stored: readonly string[]) =>
  fc.oneof(
    fc.dictionary(fc.constantFrom(...PARAMETERS, '$where', '__proto__'), anyValue(stored), { maxKeys: 5 }),
    anyValue(stored),
  );

/** A tRPC request: a procedure (real, batched or made up) and its input, as GET, batch or POST. */
export const trpcRequest = (stored: readonly string[]) =>
  fc.record({
    procedure: fc.constantFrom(
      'rates.byDate',
      'rates.latest',
      'rates.range',
      'rates.convert',
      'currencies.list',
      'providers.list',
      'rates.byDate,rates.latest',
      'rates',
      'nope.nope',
      'constructor',
      '__proto__',
    ),
    input: trpcInput(stored),
    mode: fc.constantFrom('get', 'batch', 'post', 'malformed'),
    junk: nasty,
  });
