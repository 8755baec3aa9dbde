import { randomBytes } from 'node:crypto';
import * as assert from 'uvu/assert';
import type { Dependencies } from '../../../../src/adapters/http/cache-hints.js';
import { ResponseCache } from '../../../../src/adapters/http/edge/response-cache.js';
import { isoDate, type IsoDate } from '../../../../src/domain/iso-date.js';
import { suite } from '../../../support/suite.js';

const test = suite('edge response cache: dependencies, time bounds, admission, byte bound');

const NOW = Date.parse('2024-03-10T12:00:00Z');
const deps = (d: Partial<Omit<Dependencies, 'dates'>> & { dates?: readonly string[] } = {}): Dependencies => ({
  immutable: false,
  validUntil: null,
  newest: false,
  catalog: false,
  ...d,
  dates: new Set<IsoDate>((d.dates ?? []).map(isoDate)),
});
const answer = (bytes: number, dependencies: Dependencies | null, status = 200) => ({
  status,
  headers: { etag: '"x"', 'cache-control': 'public, max-age=60', 'content-type': 'application/json' },
  body: Buffer.alloc(bytes, 'a'),
  paths: ['rates.byDate'],
  dependencies,
});
const cache = (maxBytes = 1_000_000, maxEntryBytes = 100_000) =>
  new ResponseCache({ maxEntries: 1000, maxBytes, maxEntryBytes });

test('a change drops exactly the entries computed from its days', () => {
  const c = cache();
  c.offer('day1', answer(10, deps({ dates: ['2024-01-02'] })), NOW);
  c.offer('day2', answer(10, deps({ dates: ['2024-01-03'] })), NOW);
  c.offer('range', answer(10, deps({ dates: ['2024-01-01', '2024-01-02', '2024-01-03'] })), NOW);
  c.offer('latest', answer(10, deps({ dates: ['2024-03-08'], newest: true })), NOW);
  c.offer('currencies', answer(10, deps({ catalog: true })), NOW);
  c.invalidate([isoDate('2024-01-02')], { catalog: false, everything: false });
  assert.not.ok(c.get('day1', NOW), 'the changed day');
  assert.not.ok(c.get('range', NOW), 'a range including it');
  assert.not.ok(c.get('currencies', NOW), 'the currency list changes with any stored day');
  assert.ok(c.get('day2', NOW), 'another day stays');
  assert.ok(c.get('latest', NOW), 'an older day does not change "the newest day"');
  c.invalidate([isoDate('2024-03-09')], { catalog: false, everything: false });
  assert.not.ok(c.get('latest', NOW), 'a newer day changes "the newest day"');
  assert.ok(c.get('day2', NOW));
  c.invalidate([], { catalog: false, everything: true });
  assert.is(c.stats().entries, 0, 'lost track of the data: everything goes');
});

test('a catalog change drops only the catalog lists', () => {
  const c = cache();
  c.offer('day', answer(10, deps({ dates: ['2024-01-02'] })), NOW);
  c.offer('currencies', answer(10, deps({ catalog: true })), NOW);
  c.invalidate([], { catalog: true, everything: false });
  assert.ok(c.get('day', NOW));
  assert.not.ok(c.get('currencies', NOW));
});

test('an entry ends at its own time bound', () => {
  const c = cache();
  c.offer('provisional', answer(10, deps({ dates: ['2024-03-10'], validUntil: new Date(NOW + 60_000) })), NOW);
  assert.ok(c.get('provisional', NOW + 59_000));
  assert.not.ok(c.get('provisional', NOW + 60_000));
  assert.not.ok(c.offer('past', answer(10, deps({ validUntil: new Date(NOW - 1) })), NOW), 'already over: not kept');
});

test('only 200s and 404s whose procedures said what they depend on are admitted, up to the per-answer size', () => {
  const c = cache(1_000_000, 10_000);
  assert.not.ok(c.offer('opaque', answer(10, null), NOW), 'a part vouched for nothing');
  assert.not.ok(c.offer('error', answer(10, deps(), 400), NOW), 'only a 404 of all errors');
  assert.not.ok(c.offer('unsaid', answer(10, null, 404), NOW), 'a 404 that said nothing of what it depends on');
  assert.not.ok(c.offer('big', answer(20_000, deps()), NOW), 'larger than an entry may be');
  assert.ok(c.offer('small', answer(5_000, deps()), NOW));
  assert.ok(c.offer('missing', answer(10, deps({ dates: ['2024-01-03'] }), 404), NOW));
  assert.is(c.get('missing', NOW)?.status, 404);
  assert.is(c.stats().entries, 2);
});

test('the byte bound holds, least recently used out first, compressed variants counted', () => {
  const c = cache(40_000, 20_000);
  for (let i = 0; i < 10; i++) c.offer(`k${i}`, answer(8_000, deps({ dates: ['2024-01-02'] })), NOW);
  const s = c.stats();
  assert.ok(s.bytes <= 40_000, `bytes ${s.bytes}`);
  assert.ok(s.entries < 10 && s.entries >= 4, `entries ${s.entries}`);
  assert.ok(c.get('k9', NOW), 'the newest stays');
  assert.not.ok(c.get('k0', NOW), 'the oldest went');
  const before = c.stats().bytes;
  const entry = c.get('k9', NOW)!;
  const gz = c.variant('k9', entry, 'gzip');
  assert.is(gz.headers['content-encoding'], 'gzip');
  assert.is(c.stats().bytes, before + gz.body.length);
  // Evicted entries leave no index behind: a change to their day finds nothing to drop but the rest.
  c.invalidate([isoDate('2024-01-02')], { catalog: false, everything: false });
  assert.is(c.stats().entries, 0);
  assert.is(c.stats().bytes, 0);
});

test("an entry's handle holds it while it is kept, its grown value included, and lets go when it leaves", () => {
  const c = cache();
  c.offer('day', answer(2_000, deps({ dates: ['2024-01-02'] })), NOW);
  c.offer('other', answer(10, deps({ dates: ['2024-01-03'] })), NOW);
  const kept = c.get('day', NOW)!.kept;
  assert.is(kept.key, 'day');
  assert.is(kept.entry, c.get('day', NOW));
  c.variant('day', kept.entry!, 'gzip');
  assert.is(kept.entry, c.get('day', NOW), 'the value grown by a variant');
  assert.ok(kept.entry!.variants.has('gzip'));
  c.invalidate([isoDate('2024-01-02')], { catalog: false, everything: false });
  assert.is(kept.entry, undefined, 'dropped by a change');
  const other = c.get('other', NOW)!.kept;
  c.clear();
  assert.is(other.entry, undefined, 'dropped by a clear');
  const small = cache(3_000, 3_000);
  small.offer('first', answer(1_000, deps()), NOW);
  const first = small.get('first', NOW)!.kept;
  small.offer('second', answer(1_000, deps()), NOW);
  small.offer('third', answer(1_000, deps()), NOW);
  assert.is(first.entry, undefined, 'evicted');
  const third = small.get('third', NOW)!.kept;
  small.offer('third', answer(500, deps()), NOW);
  assert.is(third.entry, undefined, 'replaced by a new answer under its key');
  assert.is(small.get('third', NOW)?.kept.entry?.identity.body.length, 500);
  // A variant that takes its entry past the bound: the grown value is not kept, nor held by the handle.
  const tight = cache(3_000, 3_000);
  tight.offer('noise', { ...answer(0, deps()), body: randomBytes(2_000) }, NOW);
  const noise = tight.get('noise', NOW)!;
  const gz = tight.variant('noise', noise, 'gzip');
  assert.ok(gz.body.length > 1_000, 'random bytes do not compress');
  assert.is(noise.kept.entry, undefined, 'past the bound with its variant');
  assert.is(tight.get('noise', NOW), undefined);
});

test('a hit through a handle moves its entry up the LRU order, at most once a second', () => {
  // Three entries fit: each is 400 bytes and the overhead.
  const c = cache(3_000, 3_000);
  const handle = (key: string, at: number) => {
    c.offer(key, answer(400, deps()), at);
    return c.peek(key, at)!.kept;
  };
  const a = handle('a', NOW);
  const b = handle('b', NOW);
  const k = handle('c', NOW);
  c.touch(a, NOW + 999);
  handle('d', NOW + 999);
  assert.is(a.entry, undefined, 'within a second of being kept: not moved, so the least recently used went');
  c.touch(b, NOW + 1_000);
  handle('e', NOW + 1_000);
  assert.ok(b.entry, 'a second later: moved up, kept');
  assert.is(k.entry, undefined, 'the least recently used went instead');
});

test('hits and misses are counted', () => {
  const c = cache();
  c.offer('a', answer(10, deps()), NOW);
  c.get('a', NOW);
  c.get('b', NOW);
  assert.equal({ hits: c.stats().hits, misses: c.stats().misses }, { hits: 1, misses: 1 });
});

test.run();
