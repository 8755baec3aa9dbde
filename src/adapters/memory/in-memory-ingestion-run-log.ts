import type { IngestionReport, IngestionRun, IngestionRunLog } from '../../domain/ingestion-run.js';

/** Run records in memory, for use-case tests. */
export class InMemoryIngestionRunLog implements IngestionRunLog {
  readonly runs: IngestionRun[] = [];

  async started(run: Pick<IngestionRun, 'id' | 'trigger' | 'startedAt' | 'request'>): Promise<void> {
    this.runs.push({ ...run, finishedAt: null, report: null, error: null });
  }

  async finished(id: string, finishedAt: Date, outcome: { report: IngestionReport | null; error: string | null }) {
    const i = this.runs.findIndex((r) => r.id === id);
    if (i >= 0) this.runs[i] = { ...this.runs[i]!, finishedAt, ...outcome };
  }

  async recent(limit: number): Promise<IngestionRun[]> {
    return [...this.runs].sort((a, b) => b.startedAt.getTime() - a.startedAt.getTime()).slice(0, limit);
  }
}
