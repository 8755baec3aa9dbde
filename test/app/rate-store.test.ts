import * as assert from 'uvu/assert';
import { InMemoryCurrencyCatalog } from '../../src/adapters/memory/in-memory-currency-catalog.js';
import { InMemoryDataGeneration } from '../../src/adapters/memory/in-memory-data-generation.js';
import { InMemoryRateRepository } from '../../src/adapters/memory/in-memory-rate-repository.js';
import { CatalogUpdateError, RateStore } from '../../src/app/rate-store.js';
import { RatesChangeFeed } from '../../src/app/rates-change-feed.js';
import type { FetchedRates } from '../../src/domain/daily-rates.js';
import { buildFetched } from '../support/builders.js';
import { suite } from '../support/suite.js';

/** A catalog whose storage refuses writes, as a database failing between two writes would. */
class FailingCatalog extends InMemoryCurrencyCatalog {
  override async record(_days: readonly FetchedRates[]): Promise<void> {
    throw new Error('catalog storage refused the write');
  }
}

function rig(catalog = new InMemoryCurrencyCatalog()) {
  const feed = new RatesChangeFeed();
  const published: string[][] = [];
  feed.subscribe((dates) => published.push([...dates]));
  const generation = new InMemoryDataGeneration();
  const repo = new InMemoryRateRepository();
  return { store: new RateStore(repo, catalog, generation, feed, () => new Date()), published, generation, repo };
}

const t = suite('RateStore: every change recorded and published, nothing else');

t('new and changed days are recorded under the next generation and published', async () => {
  const r = rig();
  await r.store.store([buildFetched({ date: '2024-01-02' }), buildFetched({ date: '2024-01-03' })]);
  await r.store.store([buildFetched({ date: '2024-01-03', rates: { USD: 1.2 } })]);
  assert.equal(r.published, [['2024-01-02', '2024-01-03'], ['2024-01-03']]);
  assert.is(await r.generation.current(), 2);
  assert.equal(await r.generation.read(2), { generation: 2, dates: ['2024-01-03'], catalog: true });
});

t('days confirmed unchanged bump nothing and publish nothing; a provisional day now final does', async () => {
  const r = rig();
  const provisional = buildFetched({ date: '2024-01-02', fetchedAt: new Date('2024-01-02T12:00:00Z') });
  await r.store.store([provisional]);
  await r.store.store([provisional]);
  assert.is(await r.generation.current(), 1, 'the same fetch again: nothing changed');
  const final = buildFetched({ date: '2024-01-02' });
  const report = await r.store.store([final]);
  assert.equal(report.settled, ['2024-01-02']);
  assert.is(await r.generation.current(), 2, 'provisional to final: its answers change');
  await r.store.store([final]);
  assert.is(await r.generation.current(), 2, 'a final day fetched again, the same fetch: nothing');
  assert.equal(r.published, [['2024-01-02'], ['2024-01-02']]);
});

t("a later fetch of a final day's same values is a history write: recorded without the catalog", async () => {
  const r = rig();
  await r.store.store([buildFetched({ date: '2024-01-02' })]);
  const report = await r.store.store([
    buildFetched({ date: '2024-01-02', fetchedAt: new Date('2024-01-05T00:00:00Z') }),
  ]);
  assert.equal(report.refetched, ['2024-01-02']);
  assert.is(report.settled, undefined, 'it was final already');
  assert.equal(await r.generation.read(2), { generation: 2, dates: ['2024-01-02'], catalog: false });
  assert.equal(r.published, [['2024-01-02'], ['2024-01-02']]);
  const [history] = await r.repo.findHistories('2024-01-02' as never, 'EUR' as never, ['fixer']);
  assert.is(history?.versions.length, 2, "the day's revisions answer lists the later fetch");
});

t('a catalog failure after the upsert still records and publishes the change, and says what failed', async () => {
  const r = rig(new FailingCatalog());
  try {
    await r.store.store([buildFetched({ date: '2024-01-02' })]);
    assert.unreachable('should have thrown');
  } catch (e) {
    assert.instance(e, CatalogUpdateError);
    assert.equal((e as CatalogUpdateError).report.inserted, ['2024-01-02']);
    assert.match((e as Error).message, /currency catalog/);
  }
  assert.equal(r.published, [['2024-01-02']]);
  assert.equal((await r.generation.read(1))?.dates, ['2024-01-02']);
  assert.ok(await r.repo.findByDate('2024-01-02' as never, 'EUR' as never));
});

t('names learnt change the catalog alone: recorded, with no date', async () => {
  const r = rig();
  await r.store.setNames({ USD: 'United States Dollar' });
  assert.equal(await r.generation.read(1), { generation: 1, dates: [], catalog: true });
});

t.run();
