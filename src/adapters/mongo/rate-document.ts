import { z } from 'zod';
import type { CurrencyCode } from '../../domain/currency.js';
import type { DailyRates, FetchedRates } from '../../domain/daily-rates.js';
import type { DayHistory, DayVersion } from '../../domain/day-history.js';
import type { IsoDate } from '../../domain/iso-date.js';
import { dayKey } from '../../domain/upsert-plan.js';

/** Collection holding one document per (date, base, provider). */
export const RATES_COLLECTION = 'daily_rates';

const rateTable = z.record(z.string().regex(/^[A-Z]{3}$/), z.number().positive());

const replaced = z.object({
  revision: z.number().int().positive(),
  rates: rateTable,
  sourceTimestamp: z.date().nullable(),
  fetchedAt: z.date(),
  replacedAt: z.date(),
});

/**
 * What a stored document must look like. Checked on every read so that a document written by hand
 * or by an older version fails loudly here instead of serving wrong numbers.
 */
export const rateDocumentSchema = z.object({
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  base: z.string().regex(/^[A-Z]{3}$/),
  provider: z.string().min(1),
  rates: rateTable,
  sourceTimestamp: z.date().nullable(),
  fetchedAt: z.date(),
  revision: z.number().int().positive(),
  /**
   * Every earlier state of the day, oldest first: the values a revision replaced, and the fetch time a
   * re-fetch of the same values replaced (same `revision`). Each state was stored when the one before it
   * was replaced; the first at `createdAt`.
   */
  previous: z.array(replaced).optional(),
  /** When the day was first stored. Absent in documents written before it was kept: `fetchedAt` stands in. */
  createdAt: z.date().optional(),
  /** How many chunks of the oldest states were moved to RATE_HISTORY_COLLECTION (none when absent). */
  archivedChunks: z.number().int().nonnegative().optional(),
});

/**
 * The oldest states of days with a long history, moved out of the day's document in chunks so that it
 * stays small: `_id` is the day's `_id`, `#`, and the chunk's number (0 = the oldest).
 */
export const RATE_HISTORY_COLLECTION = 'daily_rates_history';

export const archivedStatesSchema = z.object({ states: z.array(replaced) });

export const chunkId = (dayId: string, chunk: number): string => `${dayId}#${chunk}`;

export type RateDocument = z.output<typeof rateDocumentSchema>;

export function toDomain(doc: unknown): DailyRates {
  const d = rateDocumentSchema.parse(doc);
  return {
    date: d.date as IsoDate,
    base: d.base as CurrencyCode,
    provider: d.provider,
    rates: d.rates,
    sourceTimestamp: d.sourceTimestamp,
    fetchedAt: d.fetchedAt,
    revision: d.revision,
  };
}

/** Every state the document has held (`archived`: its moved chunks, in order), oldest first, with when each was stored and replaced. */
export function toHistory(doc: unknown, archived: readonly unknown[] = []): DayHistory {
  const d = rateDocumentSchema.parse(doc);
  const date = d.date as IsoDate;
  const base = d.base as CurrencyCode;
  const { provider } = d;
  const earlier = [...archived.flatMap((a) => archivedStatesSchema.parse(a).states), ...(d.previous ?? [])];
  const versions: DayVersion[] = [];
  let storedAt = d.createdAt ?? earlier[0]?.fetchedAt ?? d.fetchedAt;
  for (const p of earlier) {
    const { revision, rates, sourceTimestamp, fetchedAt, replacedAt } = p;
    versions.push({ date, base, provider, revision, rates, sourceTimestamp, fetchedAt, storedAt, replacedAt });
    storedAt = replacedAt;
  }
  const { revision, rates, sourceTimestamp, fetchedAt } = d;
  versions.push({ date, base, provider, revision, rates, sourceTimestamp, fetchedAt, storedAt, replacedAt: null });
  return { provider, versions };
}

/**
 * The document's `_id`: the natural key itself (the key the upsert plan matches days by). Reads and writes of one day become `_id` lookups,
 * which every server answers from its primary index (FerretDB 1.24 pushes down no other filter).
 */
export const documentId: (d: Pick<FetchedRates, 'date' | 'base' | 'provider'>) => string = dayKey;

export type StoredRateDocument = RateDocument & { _id: string };

/** A day's fields as stored (without `_id`, which an update must not touch). */
export function toNewDocument(day: FetchedRates): RateDocument {
  const { date, base, provider, rates, sourceTimestamp, fetchedAt } = day;
  return { date, base, provider, rates: { ...rates }, sourceTimestamp, fetchedAt, revision: 1 };
}

/** A day stored for the first time at `storedAt`. */
export const toInsertedDocument = (day: FetchedRates, storedAt: Date): RateDocument => ({
  ...toNewDocument(day),
  createdAt: storedAt,
});
