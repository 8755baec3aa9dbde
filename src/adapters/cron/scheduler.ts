import cron, { type RunCoordinator, type ScheduledTask } from 'node-cron';
import type { Logger } from '../../domain/logger.js';

export interface ScheduleOptions {
  /** Cron expression, evaluated in UTC (rates days are UTC days). */
  readonly expression: string;
  readonly coordinator: RunCoordinator;
  readonly logger: Logger;
  /** The job; its failures are logged, never thrown into the timer. */
  readonly run: () => Promise<void>;
  /** How long a tick's lease lasts if its holder dies without finishing. */
  readonly leaseMs?: number;
  readonly name?: string;
}

/**
 * Schedules a job so that, across every process sharing the coordinator's database, exactly one
 * runs each tick, and a tick never starts while the previous one in this process is still running.
 */
export function scheduleJob(o: ScheduleOptions): ScheduledTask {
  if (!cron.validate(o.expression)) throw new Error(`invalid cron expression: ${o.expression}`);
  const task = cron.schedule(
    o.expression,
    async () => {
      try {
        await o.run();
      } catch (e) {
        o.logger.error({ err: { name: (e as Error).name, message: (e as Error).message } }, 'scheduled job failed');
      }
    },
    {
      name: o.name ?? 'ingest',
      timezone: 'Etc/UTC',
      noOverlap: true,
      distributed: true,
      runCoordinator: o.coordinator,
      distributedLease: o.leaseMs ?? 30 * 60_000,
    },
  );
  task.on('execution:skipped', (ctx) =>
    o.logger.debug({ tick: ctx.date.toISOString(), reason: ctx.reason }, 'tick run elsewhere'),
  );
  return task;
}
