import * as assert from 'uvu/assert';
import { InMemoryRateRepository } from '../../src/adapters/memory/in-memory-rate-repository.js';
import { AS_OF_SETTLED_MS, IMMUTABLE_MAX_AGE, SHORT_MAX_AGE } from '../../src/app/answer-validity.js';
import { Convert } from '../../src/app/convert.js';
import { GetLatest } from '../../src/app/get-latest.js';
import { GetRange } from '../../src/app/get-range.js';
import { GetRates } from '../../src/app/get-rates.js';
import { GetRevisions } from '../../src/app/get-revisions.js';
import { buildFetched } from '../support/builders.js';
import { testContainer } from '../support/container.js';
import { suite } from '../support/suite.js';

/** 2024-01-10 (a Wednesday) at noon UTC; 2024-01-06/07 are a weekend. */
const NOW = new Date('2024-01-10T12:00:00Z');

async function useCases(days: Parameters<typeof buildFetched>[0][], providers = 'fixer,ecb') {
  const repo = new InMemoryRateRepository();
  await repo.upsertMany(days.map((d) => buildFetched(d)));
  const c = testContainer({ repo, now: () => NOW, env: { PROVIDERS: providers } });
  return {
    range: c.resolve(GetRange),
    day: c.resolve(GetRates),
    latest: c.resolve(GetLatest),
    convert: c.resolve(Convert),
  };
}

const weekdays = ['2024-01-02', '2024-01-03', '2024-01-04', '2024-01-05', '2024-01-08', '2024-01-09'];

const t = suite('Answer validity: what use cases say about how long their answers hold');

t('a final day of the preferred provider is immutable; it depends on its date only', async () => {
  const uc = await useCases([{ date: '2024-01-02' }]);
  const r = await uc.day.execute({ date: '2024-01-02' });
  assert.ok(r.ok);
  if (r.ok)
    assert.equal(r.value.validity, {
      immutable: true,
      maxAgeSeconds: IMMUTABLE_MAX_AGE,
      dates: ['2024-01-02'],
      newest: false,
      catalog: false,
    });
});

t(
  "a fallback provider's final day is not immutable while the preferred one may replace it; asked by name it is",
  async () => {
    const uc = await useCases([{ date: '2024-01-02', provider: 'ecb' }]);
    const preferred = await uc.day.execute({ date: '2024-01-02' });
    assert.ok(preferred.ok);
    if (preferred.ok) {
      assert.is(preferred.value.source.provider, 'ecb');
      assert.is(preferred.value.validity.immutable, false);
      assert.is(preferred.value.validity.maxAgeSeconds, SHORT_MAX_AGE);
    }
    const named = await uc.day.execute({ date: '2024-01-02', provider: 'ecb' });
    assert.ok(named.ok);
    if (named.ok) assert.is(named.value.validity.immutable, true);
    const converted = await uc.convert.execute({ from: 'USD', to: 'GBP', amount: 1, date: '2024-01-02' });
    assert.ok(converted.ok);
    if (converted.ok) assert.is(converted.value.validity.immutable, false);
  },
);

t('a range of settled days with only weekend gaps, ending on a stored day, is immutable', async () => {
  const uc = await useCases(weekdays.map((date) => ({ date })));
  const r = await uc.range.execute({ from: '2024-01-02', to: '2024-01-09' });
  assert.ok(r.ok);
  if (r.ok) {
    assert.is(r.value.validity.immutable, true);
    assert.is(r.value.validity.dates.length, 8, 'every date of the range: a day stored later changes it');
  }
});

t('a range with a gap at its end, a missing working day, or nothing stored is not immutable', async () => {
  const uc = await useCases(weekdays.filter((d) => d !== '2024-01-04').map((date) => ({ date })));
  for (const [from, to, why] of [
    ['2024-01-02', '2024-01-07', 'ends on a weekend gap the next run may not fill, but a backfill may'],
    ['2024-01-02', '2024-01-05', 'the 4th (a Thursday) is missing'],
    ['2023-12-01', '2023-12-05', 'nothing stored'],
  ] as const) {
    const r = await uc.range.execute({ from, to });
    assert.ok(r.ok);
    if (r.ok) assert.equal([r.value.validity.immutable, r.value.validity.maxAgeSeconds], [false, SHORT_MAX_AGE], why);
  }
});

t("a range holding a fallback provider's day or a provisional day is not immutable", async () => {
  const fallback = await useCases([...weekdays.map((date) => ({ date })), { date: '2024-01-03', provider: 'ecb' }]);
  const mixed = await useCases([{ date: '2024-01-02' }, { date: '2024-01-03', provider: 'ecb' }]);
  const r1 = await mixed.range.execute({ from: '2024-01-02', to: '2024-01-03' });
  assert.ok(r1.ok);
  if (r1.ok) assert.is(r1.value.validity.immutable, false);
  const r2 = await fallback.range.execute({ from: '2024-01-02', to: '2024-01-03' });
  assert.ok(r2.ok);
  if (r2.ok) assert.is(r2.value.validity.immutable, true, 'fixer has both days: the preferred provider answers');
  const provisional = await useCases([{ date: '2024-01-09', fetchedAt: new Date('2024-01-09T15:00:00Z') }]);
  const r3 = await provisional.range.execute({ from: '2024-01-09', to: '2024-01-09' });
  assert.ok(r3.ok);
  if (r3.ok) {
    assert.is(r3.value.validity.immutable, false);
    assert.equal(r3.value.validity.validUntil, new Date(NOW.getTime() + SHORT_MAX_AGE * 1000));
  }
});

t('latest and convert without a date hold until the next UTC midnight or a newer day', async () => {
  const uc = await useCases(weekdays.map((date) => ({ date })));
  const latest = await uc.latest.execute({});
  const converted = await uc.convert.execute({ from: 'USD', to: 'GBP', amount: 1 });
  assert.ok(latest.ok && converted.ok);
  const midnight = new Date('2024-01-11T00:00:00Z');
  for (const v of [latest.ok && latest.value.validity, converted.ok && converted.value.validity]) {
    assert.equal(v, {
      immutable: false,
      maxAgeSeconds: 12 * 3600,
      validUntil: midnight,
      dates: ['2024-01-09'],
      newest: true,
      catalog: false,
    });
  }
});

t(
  'answers as of a past instant are immutable, even of a day that is not; a very recent instant is not yet',
  async () => {
    const repo = new InMemoryRateRepository();
    // A provisional day of the fallback provider, stored at noon: a plain read of it is short-lived.
    const fetchedAt = new Date('2024-01-09T12:00:00Z');
    await repo.upsertMany([buildFetched({ date: '2024-01-09', provider: 'ecb', fetchedAt })], fetchedAt);
    const c = testContainer({ repo, now: () => NOW, env: { PROVIDERS: 'fixer,ecb' } });
    const [day, range, latest, convert] = [
      c.resolve(GetRates),
      c.resolve(GetRange),
      c.resolve(GetLatest),
      c.resolve(Convert),
    ];
    const plain = await day.execute({ date: '2024-01-09' });
    assert.ok(plain.ok);
    if (plain.ok) assert.is(plain.value.validity.immutable, false);

    const past = '2024-01-09T18:00:00Z';
    const answers = [
      await day.execute({ date: '2024-01-09', asOf: past }),
      await range.execute({ from: '2024-01-08', to: '2024-01-09', asOf: past }),
      await latest.execute({ asOf: past }),
      await convert.execute({ from: 'USD', to: 'GBP', amount: 1, asOf: past }),
    ];
    for (const r of answers) {
      assert.ok(r.ok);
      if (r.ok) {
        assert.is(r.value.validity.immutable, true);
        assert.is(r.value.validity.maxAgeSeconds, IMMUTABLE_MAX_AGE);
        assert.ok(r.value.validity.dates.includes('2024-01-09' as never), 'it still names the dates it was read from');
      }
    }

    const recent = new Date(NOW.getTime() - AS_OF_SETTLED_MS / 2);
    const r = await latest.execute({ asOf: recent.toISOString() });
    assert.ok(r.ok);
    if (r.ok)
      assert.equal(r.value.validity, {
        immutable: false,
        maxAgeSeconds: SHORT_MAX_AGE,
        validUntil: new Date(recent.getTime() + AS_OF_SETTLED_MS),
        dates: ['2024-01-09'],
        newest: true,
        catalog: false,
      });
  },
);

t("a day's revisions may grow with any later fetch: short-lived, depending on that day", async () => {
  const repo = new InMemoryRateRepository();
  await repo.upsertMany([buildFetched({ date: '2024-01-02' })], new Date('2024-01-03T00:00:00Z'));
  const c = testContainer({ repo, now: () => NOW });
  const r = await c.resolve(GetRevisions).execute({ date: '2024-01-02' });
  assert.ok(r.ok);
  if (r.ok)
    assert.equal(r.value.validity, {
      immutable: false,
      maxAgeSeconds: SHORT_MAX_AGE,
      dates: ['2024-01-02'],
      newest: false,
      catalog: false,
    });
});

t.run();
