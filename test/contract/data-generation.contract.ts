import * as assert from 'uvu/assert';
import type { DataGeneration } from '../../src/domain/data-generation.js';
import { isoDate } from '../../src/domain/iso-date.js';
import { suite } from '../support/suite.js';

export interface DataGenerationFixture {
  generation: DataGeneration;
  /** A second handle on the same storage, as another process would have. */
  twin: DataGeneration;
  dispose(): Promise<void>;
}

const d = isoDate;

/** The behaviour every `DataGeneration` must have; run once per implementation. */
export function dataGenerationContract(name: string, open: () => Promise<DataGenerationFixture>): void {
  const t = suite<{ f?: DataGenerationFixture }>(`DataGeneration contract: ${name}`, {});
  t.before.each(async (ctx) => {
    // An implementation with storage to prepare does so in `open`, as its own start-up.
    ctx.f = await open();
  });
  t.after.each(async (ctx) => ctx.f?.dispose());

  t('starts at 0 with nothing recorded', async (ctx) => {
    assert.is(await ctx.f!.generation.current(), 0);
    assert.is(await ctx.f!.generation.read(1), null);
  });

  t('each change gets the next generation, and every handle reads it back', async (ctx) => {
    const { generation, twin } = ctx.f!;
    const first = await generation.record({ dates: [d('2024-01-02'), d('2024-01-03')], catalog: false });
    const second = await twin.record({ dates: [], catalog: true });
    assert.is(first, 1);
    assert.is(second, 2);
    assert.is(await twin.current(), 2);
    assert.equal(await twin.read(1), { generation: 1, dates: ['2024-01-02', '2024-01-03'], catalog: false });
    assert.equal(await generation.read(2), { generation: 2, dates: [], catalog: true });
    assert.is(await generation.read(3), null);
  });

  t('concurrent writers through two handles get distinct generations, none lost', async (ctx) => {
    const { generation, twin } = ctx.f!;
    const given = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        (i % 2 ? twin : generation).record({ dates: [d(`2024-01-${String(i + 10)}`)], catalog: false }),
      ),
    );
    assert.equal(
      [...given].sort((a, b) => a - b),
      Array.from({ length: 10 }, (_, i) => i + 1),
    );
    assert.is(await generation.current(), 10);
    const read = await Promise.all(given.map((g) => twin.read(g)));
    assert.equal(
      read.map((r) => r?.dates[0]).sort(),
      Array.from({ length: 10 }, (_, i) => `2024-01-${i + 10}`),
    );
  });

  t.run();
}
