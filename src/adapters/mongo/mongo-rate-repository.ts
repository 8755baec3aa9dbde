import type { Collection, Db, Filter } from 'mongodb';
import type { CurrencyCode } from '../../domain/currency.js';
import { isProvisional, toReplaced, type DailyRates, type FetchedRates } from '../../domain/daily-rates.js';
import type { IsoDate } from '../../domain/iso-date.js';
import { candidateProviders, choosePerDate, type ProviderChoice } from '../../domain/provider-choice.js';
import type { ProviderCoverage, RateRepository, StoredDay, UpsertReport } from '../../domain/rate-repository.js';
import { choosePerDateInOrder } from '../../domain/choose-streamed.js';
import { dayKey, planUpserts, type UpsertOutcome } from '../../domain/upsert-plan.js';
import type { DayHistory } from '../../domain/day-history.js';
import {
  chunkId,
  documentId,
  RATE_HISTORY_COLLECTION,
  RATES_COLLECTION,
  toDomain,
  toHistory,
  toInsertedDocument,
  toNewDocument,
  type StoredRateDocument,
} from './rate-document.js';
import { onlyDuplicateKeys, writeErrorsOf } from './duplicate-key.js';
import { batches } from './write-batches.js';
import { outagesAsDomainErrors } from './outages-as-domain-errors.js';

/** Plain reads never need the earlier states; leaving them out keeps hot reads small. */
const CURRENT_ONLY = { projection: { _id: 0, previous: 0 } } as const;
/** Documents per cursor batch when streaming: a few hundred KB in flight whatever the range. */
const STREAM_BATCH = 100;
/** Up to this many days per write are looked up by key, one query each; more in one query. */
const KEY_LOOKUPS = 16;
/** Concurrent writers to the same day are rare; a few rounds settle any race. */
const MAX_ROUNDS = 5;
/**
 * Earlier states kept in a day's document. A day gets a handful (provisional, final, a refresh); past this
 * many (a provider revising hourly), the oldest half moves to RATE_HISTORY_COLLECTION, so the document
 * stays far below MongoDB's 16 MB (170 currencies: about 4 KB a state) and plain reads stay small.
 */
export const HISTORY_KEPT = 200;

type Report = {
  inserted: IsoDate[];
  updated: IsoDate[];
  unchanged: IsoDate[];
  settled: IsoDate[];
  refetched: IsoDate[];
};

/**
 * Rates in MongoDB, one document per (date, base, provider). Uses only what MongoDB 4.4+ and
 * FerretDB both support: no transactions; optimistic concurrency on `revision` instead.
 */
export class MongoRateRepository implements RateRepository {
  private readonly rates: Collection<StoredRateDocument>;
  private readonly unpublished: Collection<{ _id: string; provider: string; date: string }>;
  private readonly archive: Collection<{ _id: string; states: unknown[] }>;
  private readonly historyKept: number;
  /** `maxTimeMS` of the reads that may scan (ranges, newest day): none when absent. */
  private readonly scanLimit: { readonly maxTimeMS?: number };

  /**
   * `scanTimeMs`: the database stops a read that may scan after this long (the service passes its request
   * deadline: past it nobody waits for the answer, so the query must not go on loading the database);
   * 0 or absent: no limit (the CLI, whose reads are its own work).
   */
  constructor(db: Db, options: { readonly historyKept?: number; readonly scanTimeMs?: number } = {}) {
    this.rates = db.collection<StoredRateDocument>(RATES_COLLECTION);
    this.unpublished = db.collection('no_publication');
    this.archive = db.collection(RATE_HISTORY_COLLECTION);
    this.historyKept = Math.max(2, options.historyKept ?? HISTORY_KEPT);
    this.scanLimit = options.scanTimeMs ? { maxTimeMS: options.scanTimeMs } : {};
    // Callers see outages as the domain's StorageUnavailableError, never a driver class.
    return outagesAsDomainErrors(this);
  }

  async init(): Promise<void> {
    await this.rates.createIndex({ date: 1, base: 1, provider: 1 }, { unique: true, name: 'date_base_provider' });
  }

  async findByDate(date: IsoDate, base: CurrencyCode, choice: ProviderChoice = {}): Promise<DailyRates | null> {
    // Primary-key lookups only, one per candidate provider, in order of preference: every provider
    // the service knows has a key, so a day not stored costs no scan on any server.
    const byKey = await Promise.all(
      candidateProviders(choice).map((provider) =>
        this.rates.findOne({ _id: documentId({ date, base, provider }) }, CURRENT_ONLY),
      ),
    );
    return choosePerDate(byKey.filter((d) => d !== null).map(toDomain), choice)[0] ?? null;
  }

  async findRange(from: IsoDate, to: IsoDate, base: CurrencyCode, choice: ProviderChoice = {}): Promise<DailyRates[]> {
    const docs = await this.rates
      .find(this.filter(base, choice, { date: { $gte: from, $lte: to } }), { ...CURRENT_ONLY, ...this.scanLimit })
      .sort({ date: 1 })
      .toArray();
    return choosePerDate(docs.map(toDomain), choice);
  }

  streamRange(from: IsoDate, to: IsoDate, base: CurrencyCode, choice: ProviderChoice = {}): AsyncIterable<DailyRates> {
    const rates = this.rates;
    const filter = this.filter(base, choice, { date: { $gte: from, $lte: to } });
    async function* documents(): AsyncGenerator<DailyRates> {
      const cursor = rates.find(filter, CURRENT_ONLY).sort({ date: 1, provider: 1 }).batchSize(STREAM_BATCH);
      try {
        for await (const doc of cursor) yield toDomain(doc);
      } finally {
        // A consumer that stops early (a client gone) must not leave the cursor open on the server.
        await cursor.close();
      }
    }
    return choosePerDateInOrder(documents(), choice);
  }

  async coverage(provider: string, base: CurrencyCode): Promise<ProviderCoverage | null> {
    const projection = { _id: 0, date: 1, fetchedAt: 1 };
    const [first, last] = await Promise.all([
      this.rates.findOne({ base, provider }, { projection, sort: { date: 1 } }),
      this.rates.findOne({ base, provider }, { projection, sort: { date: -1 } }),
    ]);
    if (!first || !last) return null;
    return { first: first.date as IsoDate, last: last.date as IsoDate, lastFetchedAt: last.fetchedAt };
  }

  async findLatest(base: CurrencyCode, onOrBefore?: IsoDate, choice: ProviderChoice = {}): Promise<DailyRates | null> {
    const when = onOrBefore ? { date: { $lte: onOrBefore } } : {};
    // One provider has one document per date: the newest one is the answer.
    if (choice.only !== undefined) {
      const doc = await this.rates.findOne(this.filter(base, choice, when), {
        ...CURRENT_ONLY,
        ...this.scanLimit,
        sort: { date: -1 },
      });
      return doc ? toDomain(doc) : null;
    }
    // Several may have the newest date: find it, then choose among that day's documents.
    const newest = await this.rates.findOne(this.filter(base, choice, when), {
      projection: { _id: 0, date: 1 },
      sort: { date: -1 },
      ...this.scanLimit,
    });
    return newest ? this.findByDate(newest.date as IsoDate, base, choice) : null;
  }

  async findHistories(date: IsoDate, base: CurrencyCode, providers: readonly string[]): Promise<DayHistory[]> {
    // One primary-key lookup per provider, as a plain read of the day; the whole document this time.
    const docs = await Promise.all(
      providers.map((provider) => this.rates.findOne({ _id: documentId({ date, base, provider }) })),
    );
    return Promise.all(docs.filter((d) => d !== null).map((d) => this.historyOf(d)));
  }

  async findRangeHistories(
    from: IsoDate,
    to: IsoDate,
    base: CurrencyCode,
    choice: ProviderChoice = {},
  ): Promise<DayHistory[]> {
    // The same query as findRange, keeping each document's earlier states.
    const docs = await this.rates
      .find(this.filter(base, choice, { date: { $gte: from, $lte: to } }), this.scanLimit)
      .sort({ date: 1 })
      .toArray();
    return Promise.all(docs.map((d) => this.historyOf(d)));
  }

  /** A document's states, with its moved chunks (primary-key lookups; only days with a long history have any). */
  private async historyOf(doc: StoredRateDocument): Promise<DayHistory> {
    const chunks = doc.archivedChunks ?? 0;
    if (chunks === 0) return toHistory(doc);
    const archived = await Promise.all(
      Array.from({ length: chunks }, (_, i) => this.archive.findOne({ _id: chunkId(doc._id, i) })),
    );
    if (archived.some((a) => a === null)) throw new Error(`history of ${doc._id} is missing a moved chunk`);
    return toHistory(doc, archived);
  }

  /**
   * Moves the oldest half of a day's kept states to the history collection once it holds more than
   * `historyKept`. The chunk is written first (replacing any copy a lost race left), then removed from
   * the document under a guard on its state: a writer that changed the day in between wins, and the next
   * write moves the chunk again. Readers never miss a state: it is in one place or both, never neither.
   */
  private async moveOldStates(id: string): Promise<void> {
    // Only a document past the bound comes back: most writes read nothing.
    const doc = await this.rates.findOne({ _id: id, [`previous.${this.historyKept}`]: { $exists: true } });
    const previous = doc?.previous ?? [];
    if (!doc || previous.length <= this.historyKept) return;
    const n = doc.archivedChunks ?? 0;
    const moved = Math.floor(this.historyKept / 2);
    await this.archive.replaceOne({ _id: chunkId(id, n) }, { states: previous.slice(0, moved) }, { upsert: true });
    await this.rates.updateOne(
      { _id: id, revision: doc.revision, fetchedAt: doc.fetchedAt, archivedChunks: n === 0 ? { $exists: false } : n },
      { $set: { previous: previous.slice(moved), archivedChunks: n + 1 } },
    );
  }

  async recordNoPublication(provider: string, dates: readonly IsoDate[]): Promise<void> {
    for (const batch of batches(dates)) {
      try {
        await this.unpublished.insertMany(
          batch.map((date) => ({ _id: `${provider}:${date}`, provider, date })),
          { ordered: false },
        );
      } catch (e) {
        // Already recorded (by this run earlier, or another process) is fine.
        if (!onlyDuplicateKeys(e)) throw e;
      }
    }
  }

  async listNoPublication(from: IsoDate, to: IsoDate, provider: string): Promise<IsoDate[]> {
    const docs = await this.unpublished
      .find({ provider, date: { $gte: from, $lte: to } }, { projection: { _id: 0, date: 1 } })
      .sort({ date: 1 })
      .toArray();
    return docs.map((d) => d.date as IsoDate);
  }

  async listStored(from: IsoDate, to: IsoDate, base: CurrencyCode): Promise<StoredDay[]> {
    const docs = await this.rates
      .find({ base, date: { $gte: from, $lte: to } }, { projection: { _id: 0, date: 1, provider: 1, fetchedAt: 1 } })
      .sort({ date: 1, provider: 1 })
      .toArray();
    return docs.map((d) => ({ date: d.date as IsoDate, provider: d.provider, fetchedAt: d.fetchedAt }));
  }

  async upsertMany(days: readonly FetchedRates[], storedAt: Date = new Date()): Promise<UpsertReport> {
    const report: Report = { inserted: [], updated: [], unchanged: [], settled: [], refetched: [] };
    let pending: readonly FetchedRates[] = days;
    for (let round = 0; pending.length > 0; round++) {
      if (round === MAX_ROUNDS) {
        throw new Error(`rates for ${pending.map((d) => d.date).join(', ')} kept changing while being written`);
      }
      const outcomes = planUpserts(pending, await this.loadCurrent(pending));
      pending = await this.apply(outcomes, report, storedAt);
    }
    const { settled, refetched, ...rest } = report;
    return { ...rest, ...(settled.length > 0 ? { settled } : {}), ...(refetched.length > 0 ? { refetched } : {}) };
  }

  private async loadCurrent(days: readonly FetchedRates[]): Promise<Map<string, DailyRates>> {
    // A few days (the day-by-day path): one key lookup each. A bulk batch: one query for all.
    const docs =
      days.length <= KEY_LOOKUPS
        ? (await Promise.all(days.map((d) => this.rates.findOne({ _id: documentId(d) }, CURRENT_ONLY)))).filter(
            (d) => d !== null,
          )
        : await this.rates.find({ _id: { $in: days.map(documentId) } }, CURRENT_ONLY).toArray();
    return new Map(
      docs.map((doc) => {
        const day = toDomain(doc);
        return [dayKey(day), day];
      }),
    );
  }

  /** Writes the outcomes; returns the days another writer changed first, to be planned again. */
  private async apply(outcomes: readonly UpsertOutcome[], report: Report, storedAt: Date): Promise<FetchedRates[]> {
    const lost: FetchedRates[] = [];
    const inserts = outcomes.flatMap((o) => (o.kind === 'insert' ? [o.day] : []));
    const raced = await this.insertAll(inserts, storedAt);
    for (const day of inserts) {
      if (raced.has(dayKey(day))) lost.push(day);
      else report.inserted.push(day.date);
    }

    for (const o of outcomes) {
      if (o.kind === 'insert') continue;
      if (o.kind === 'same' && !o.touch) {
        report.unchanged.push(o.day.date);
        continue;
      }
      const { date } = o.day;
      // The fetch time in the guard too: a re-fetch of the same values is a new state, kept in `previous`.
      const guard = { _id: documentId(o.day), revision: o.current.revision, fetchedAt: o.current.fetchedAt };
      const replaced = { $push: { previous: toReplaced(o.current, storedAt) } };
      const update =
        o.kind === 'update'
          ? { $set: { ...toNewDocument(o.day), revision: o.current.revision + 1 }, ...replaced }
          : { $set: { fetchedAt: o.day.fetchedAt, sourceTimestamp: o.day.sourceTimestamp }, ...replaced };
      const { matchedCount } = await this.rates.updateOne(guard, update);
      if (matchedCount === 0) lost.push(o.day);
      else {
        (o.kind === 'update' ? report.updated : report.unchanged).push(date);
        if (o.kind === 'same') {
          report.refetched.push(date);
          if (isProvisional(o.current) && !isProvisional(o.day)) report.settled.push(date);
        }
        await this.moveOldStates(guard._id);
      }
    }
    return lost;
  }

  /** Inserts new days, one round trip per batch of WRITE_BATCH; returns the keys another writer inserted first. */
  private async insertAll(days: readonly FetchedRates[], storedAt: Date): Promise<Set<string>> {
    const raced = new Set<string>();
    for (const batch of batches(days)) {
      try {
        await this.rates.bulkWrite(
          batch.map((d) => ({ insertOne: { document: { _id: documentId(d), ...toInsertedDocument(d, storedAt) } } })),
          { ordered: false },
        );
      } catch (e) {
        if (!onlyDuplicateKeys(e)) throw e;
        for (const w of writeErrorsOf(e)) raced.add(dayKey(batch[w.index]!));
      }
    }
    return raced;
  }

  private filter(
    base: CurrencyCode,
    choice: ProviderChoice,
    extra: Filter<StoredRateDocument>,
  ): Filter<StoredRateDocument> {
    return choice.only ? { ...extra, base, provider: choice.only } : { ...extra, base };
  }
}
