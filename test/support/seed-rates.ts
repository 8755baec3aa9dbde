import type { Db } from 'mongodb';
import { MongoRateRepository } from '../../src/adapters/mongo/mongo-rate-repository.js';
import { batches } from '../../src/adapters/mongo/write-batches.js';
import { STORAGE_BASE } from '../../src/domain/currency.js';
import type { FetchedRates } from '../../src/domain/daily-rates.js';
import { addDays, eachDate, type IsoDate } from '../../src/domain/iso-date.js';
import { syntheticRates } from '../../src/sandbox/fixer/synthetic-rates.js';

/** The sandbox's day, as ingestion would have stored it: every currency, fetched after the day ended. */
export function sandboxDay(date: IsoDate): FetchedRates {
  return {
    date,
    base: STORAGE_BASE,
    provider: 'fixer',
    rates: syntheticRates(date, 'EUR'),
    sourceTimestamp: new Date(`${date}T23:59:59Z`),
    fetchedAt: new Date(`${addDays(date, 1)}T06:00:00Z`),
  };
}

/**
 * Stores `days` final days of sandbox rates ending on `last`, straight through the repository (no
 * provider in between), one batch at a time: FerretDB stalls under many concurrent updates. `storedAt`
 * is when the service will say it stored them (what `as_of` reads go by).
 */
export async function seedDays(db: Db, last: IsoDate, days: number, storedAt = new Date()): Promise<IsoDate[]> {
  const repo = new MongoRateRepository(db);
  await repo.init();
  const dates = eachDate(addDays(last, 1 - days), last);
  for (const batch of batches(dates)) await repo.upsertMany(batch.map(sandboxDay), storedAt);
  return dates;
}
