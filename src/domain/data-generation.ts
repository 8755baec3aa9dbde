import type { IsoDate } from './iso-date.js';

/** What one generation changed: the days whose answers may differ, and whether the currency catalog did. */
export interface DataChange {
  readonly dates: readonly IsoDate[];
  readonly catalog: boolean;
}

/** A change as recorded, under the generation it was given. */
export interface RecordedChange extends DataChange {
  readonly generation: number;
}

/**
 * The shared data generation: a counter that every write changing what a read could return moves
 * forward, with a record of what each step changed. Every process reads the counter (one small
 * document) to learn whether its caches are still true, and the records of the steps it missed.
 */
export interface DataGeneration {
  /** Records a change under the next generation and returns that generation (always greater than any before). */
  record(change: DataChange): Promise<number>;
  /** The newest generation given out (0 before any change). */
  current(): Promise<number>;
  /** The change recorded under `generation`, or null when it is not (yet, or any more) available. */
  read(generation: number): Promise<RecordedChange | null>;
}
