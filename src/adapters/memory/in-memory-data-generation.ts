import type { DataChange, DataGeneration, RecordedChange } from '../../domain/data-generation.js';

/** The data generation in memory, for use-case tests; `forget` simulates records removed (a gap). */
export class InMemoryDataGeneration implements DataGeneration {
  private generation = 0;
  private readonly changes = new Map<number, RecordedChange>();

  async record(change: DataChange): Promise<number> {
    const generation = ++this.generation;
    this.changes.set(generation, { generation, dates: [...change.dates], catalog: change.catalog });
    return generation;
  }

  async current(): Promise<number> {
    return this.generation;
  }

  async read(generation: number): Promise<RecordedChange | null> {
    return this.changes.get(generation) ?? null;
  }

  /** Removes the record of `generation`, as pruning does for old records. */
  forget(generation: number): void {
    this.changes.delete(generation);
  }
}
