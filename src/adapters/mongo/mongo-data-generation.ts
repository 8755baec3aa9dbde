import type { Collection, Db } from 'mongodb';
import type { DataChange, DataGeneration, RecordedChange } from '../../domain/data-generation.js';
import type { IsoDate } from '../../domain/iso-date.js';
import { isDuplicateKey } from './duplicate-key.js';
import { outagesAsDomainErrors } from './outages-as-domain-errors.js';

interface HeadDocument {
  _id: string;
  generation: number;
}

interface ChangeDocument {
  _id: number;
  dates: string[];
  catalog: boolean;
  at: Date;
}

const HEAD_ID = 'head';
/** Concurrent writers rarely collide; a few rounds settle any race. */
const MAX_ROUNDS = 20;
/** Change records kept; a process further behind than this sees a gap and drops all it holds. */
export const KEPT_CHANGES = 1000;

/**
 * `data_generation` holds one document (`_id: 'head'`) with the counter, moved by `$inc`; should a
 * server hand out a number twice, the unique `_id` of the change records decides. `data_changes`
 * holds one record per generation under `_id` = the generation, so every read is an `_id` lookup
 * (FerretDB answers nothing else from an index). Records older than KEPT_CHANGES generations are
 * removed by the writer, also by `_id`.
 */
export class MongoDataGeneration implements DataGeneration {
  private readonly head: Collection<HeadDocument>;
  private readonly changes: Collection<ChangeDocument>;
  private readonly kept: number;

  /** `kept`: change records kept (KEPT_CHANGES unless a test asks for fewer). */
  constructor(db: Db, o: { readonly kept?: number } = {}) {
    this.head = db.collection<HeadDocument>('data_generation');
    this.changes = db.collection<ChangeDocument>('data_changes');
    this.kept = o.kept ?? KEPT_CHANGES;
    // Callers see outages as the domain's StorageUnavailableError, never a driver class.
    return outagesAsDomainErrors(this);
  }

  async init(): Promise<void> {}

  async record(change: DataChange): Promise<number> {
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const generation = await this.bump();
      try {
        await this.changes.insertOne({
          _id: generation,
          dates: [...change.dates],
          catalog: change.catalog,
          at: new Date(),
        });
      } catch (e) {
        // Another writer holds this generation (a server that applies $inc as read-then-write can
        // give it twice): the record's unique `_id` decides, the loser moves on to the next one.
        if (isDuplicateKey(e)) continue;
        throw e;
      }
      if (generation > this.kept) await this.changes.deleteOne({ _id: generation - this.kept });
      return generation;
    }
    throw new Error('the data generation kept moving under concurrent writers');
  }

  private async bump(): Promise<number> {
    const inc = () =>
      this.head.findOneAndUpdate(
        { _id: HEAD_ID },
        { $inc: { generation: 1 } },
        { upsert: true, returnDocument: 'after' },
      );
    let head;
    try {
      head = await inc();
    } catch (e) {
      // Another process created the head first: the document exists now.
      if (!isDuplicateKey(e)) throw e;
      head = await inc();
    }
    if (!head) throw new Error('the data generation was not moved');
    return head.generation;
  }

  async current(): Promise<number> {
    const head = await this.head.findOne({ _id: HEAD_ID });
    return head?.generation ?? 0;
  }

  async read(generation: number): Promise<RecordedChange | null> {
    const doc = await this.changes.findOne({ _id: generation });
    return doc ? { generation, dates: doc.dates as IsoDate[], catalog: doc.catalog } : null;
  }
}
