import * as assert from 'uvu/assert';
import { InMemoryRateRepository } from '../../src/adapters/memory/in-memory-rate-repository.js';
import { GetRange } from '../../src/app/get-range.js';
import { buildFetched } from '../support/builders.js';
import { testContainer } from '../support/container.js';
import { suite } from '../support/suite.js';

const t = suite('GetRange use case');

t('says the base it quotes against, DEFAULT_BASE included, even when the range is empty', async () => {
  const repo = new InMemoryRateRepository();
  await repo.upsertMany([buildFetched({ date: '2024-01-02' })]);
  const uc = testContainer({ repo, now: () => new Date('2024-01-10T00:00:00Z'), env: { DEFAULT_BASE: 'USD' } }).resolve(
    GetRange,
  );
  const empty = await uc.execute({ from: '2024-01-05', to: '2024-01-06' });
  assert.ok(empty.ok);
  if (empty.ok) assert.equal([empty.value.base, empty.value.days], ['USD', []]);
  const asked = await uc.execute({ from: '2024-01-01', to: '2024-01-03', base: 'GBP' });
  assert.ok(asked.ok);
  if (asked.ok) assert.equal([asked.value.base, asked.value.days.map((d) => d.base)], ['GBP', ['GBP']]);
});

t.run();
