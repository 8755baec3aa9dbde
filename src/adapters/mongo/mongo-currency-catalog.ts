import type { Collection, Db } from 'mongodb';
import type { CurrencyCatalog, CurrencyInfo } from '../../domain/currency-catalog.js';
import { spansOf } from '../../domain/currency-spans.js';
import type { FetchedRates } from '../../domain/daily-rates.js';
import type { IsoDate } from '../../domain/iso-date.js';
import { RATES_COLLECTION } from './rate-document.js';
import { isDuplicateKey } from './duplicate-key.js';
import { outagesAsDomainErrors } from './outages-as-domain-errors.js';

/** One provider's currencies: code → first and last stored date. */
interface SpansDocument {
  _id: string;
  first: Record<string, string>;
  last: Record<string, string>;
}

/** Names live apart from the spans: they may arrive before any rate for the currency is stored. */
interface NamesDocument {
  _id: string;
  names: Record<string, string>;
}

const NAMES_ID = 'currency-names';

/**
 * `currency_spans`: one document per provider holding every currency's first and last date, widened
 * by one `$min`/`$max` update per provider in a write, so listing currencies never scans the
 * rates. One update per provider, not one per currency: FerretDB 1.24 holds a connection per update of a command and
 * stops answering past 100 at once. Writes from this process are queued for the same reason, and
 * because FerretDB applies an update as read-then-write.
 */
export class MongoCurrencyCatalog implements CurrencyCatalog {
  private readonly spans: Collection<SpansDocument>;
  private readonly names: Collection<NamesDocument>;
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly db: Db) {
    this.spans = db.collection<SpansDocument>('currency_spans');
    this.names = db.collection<NamesDocument>('currency_names');
    // Callers see outages as the domain's StorageUnavailableError, never a driver class.
    return outagesAsDomainErrors(this);
  }

  /** Fills the catalog from the stored rates once, when it is empty (data stored before it existed). */
  async init(): Promise<void> {
    if ((await this.spans.estimatedDocumentCount()) > 0) return;
    const cursor = this.db
      .collection(RATES_COLLECTION)
      .find({}, { projection: { _id: 0, date: 1, provider: 1, rates: 1 } })
      .batchSize(500);
    let batch: FetchedRates[] = [];
    for await (const doc of cursor) {
      batch.push(doc as unknown as FetchedRates);
      if (batch.length === 500) {
        await this.record(batch);
        batch = [];
      }
    }
    await this.record(batch);
  }

  record(days: readonly FetchedRates[]): Promise<void> {
    const run = this.queue.then(() => this.write(days));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async write(days: readonly FetchedRates[]): Promise<void> {
    for (const provider of new Set(days.map((d) => d.provider))) {
      const first: Record<string, string> = {};
      const last: Record<string, string> = {};
      for (const [code, s] of spansOf(days.filter((d) => d.provider === provider))) {
        first[`first.${code}`] = s.first;
        last[`last.${code}`] = s.last;
      }
      const update = { $min: first, $max: last };
      try {
        await this.spans.updateOne({ _id: provider }, update, { upsert: true });
      } catch (e) {
        // Another process created the document first: apply as a plain update.
        if (!isDuplicateKey(e)) throw e;
        await this.spans.updateOne({ _id: provider }, update);
      }
    }
  }

  async setNames(names: Readonly<Record<string, string>>): Promise<void> {
    await this.names.updateOne({ _id: NAMES_ID }, { $set: { names: { ...names } } }, { upsert: true });
  }

  async hasNames(): Promise<boolean> {
    return (await this.names.countDocuments({ _id: NAMES_ID }, { limit: 1 })) > 0;
  }

  async list(): Promise<CurrencyInfo[]> {
    const [docs, named] = await Promise.all([this.spans.find({}).toArray(), this.names.findOne({ _id: NAMES_ID })]);
    const merged = new Map<string, { first: string; last: string; providers: string[] }>();
    for (const doc of docs) {
      for (const [code, first] of Object.entries(doc.first ?? {})) {
        const last = doc.last?.[code] ?? first;
        const m = merged.get(code);
        if (!m) merged.set(code, { first, last, providers: [doc._id] });
        else {
          if (first < m.first) m.first = first;
          if (last > m.last) m.last = last;
          m.providers.push(doc._id);
        }
      }
    }
    return [...merged.entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([code, m]) => ({
        code,
        name: named?.names[code] ?? null,
        firstDate: m.first as IsoDate,
        lastDate: m.last as IsoDate,
        providers: m.providers.sort(),
      }));
  }
}
