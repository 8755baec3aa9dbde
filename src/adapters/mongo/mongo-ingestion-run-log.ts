import type { Collection, Db } from 'mongodb';
import type { IngestionReport, IngestionRun, IngestionRunLog } from '../../domain/ingestion-run.js';
import { outagesAsDomainErrors } from './outages-as-domain-errors.js';

type RunDocument = Omit<IngestionRun, 'id'> & { _id: string };

/** Every ingestion run (CLI, schedule, API) in `ingestion_runs`, with its plan outcome. */
export class MongoIngestionRunLog implements IngestionRunLog {
  private readonly runs: Collection<RunDocument>;

  constructor(db: Db) {
    this.runs = db.collection<RunDocument>('ingestion_runs');
    // Callers see outages as the domain's StorageUnavailableError, never a driver class.
    return outagesAsDomainErrors(this);
  }

  async init(): Promise<void> {
    await this.runs.createIndex({ startedAt: -1 }, { name: 'startedAt_desc' });
  }

  async started(run: Pick<IngestionRun, 'id' | 'trigger' | 'startedAt' | 'request'>): Promise<void> {
    const { id, ...rest } = run;
    await this.runs.insertOne({ _id: id, ...rest, finishedAt: null, report: null, error: null });
  }

  async finished(id: string, finishedAt: Date, outcome: { report: IngestionReport | null; error: string | null }) {
    await this.runs.updateOne({ _id: id }, { $set: { finishedAt, ...outcome } });
  }

  async recent(limit: number): Promise<IngestionRun[]> {
    const docs = await this.runs.find({}).sort({ startedAt: -1 }).limit(limit).toArray();
    return docs.map(({ _id, ...rest }) => ({ id: _id, ...rest }));
  }
}
