import type { RunCoordinator, ScheduledTask } from 'node-cron';
import type { DependencyContainer } from 'tsyringe';
import { scheduleJob } from '../adapters/cron/scheduler.js';
import type { IngestionRequest } from '../domain/ingestion-plan.js';
import type { IngestionTrigger } from '../domain/ingestion-run.js';
import type { Logger } from '../domain/logger.js';
import type { Config } from './config.js';
import { IngestRates } from '../app/ingest-rates.js';
import { RunIngestion } from '../app/run-ingestion.js';
import { TOKENS } from '../app/tokens.js';

/**
 * Starts scheduled ingestion in this process: a catch-up run now when the window needs one, then one
 * per cron tick. Every process may call this; the run coordinator's leases let one of them run each tick.
 * Returns null (and says why, once) when ingestion is off.
 */
export async function startScheduledIngestion(c: DependencyContainer): Promise<ScheduledTask | null> {
  const config = c.resolve<Config>(TOKENS.Config);
  const logger = c.resolve<Logger>(TOKENS.Logger);
  if (!config.INGEST_ENABLED) {
    logger.info({}, 'scheduled ingestion is off (INGEST_ENABLED=false); serving what is stored');
    return null;
  }
  if (!c.isRegistered(TOKENS.RateProvider)) {
    logger.warn({ providers: config.PROVIDERS }, 'scheduled ingestion is off: no provider can run (see PROVIDERS)');
    return null;
  }
  const coordinator = c.resolve<RunCoordinator>(TOKENS.RunCoordinator);
  const ingest = c.resolve(RunIngestion);
  const request = {
    target: { kind: 'recent', days: config.INGEST_DAYS },
    refresh: false,
    confirmLarge: false,
  } as const satisfies IngestionRequest;
  const run = (trigger: IngestionTrigger) => async () => {
    const r = await ingest.execute(request, { trigger });
    // Busy: another process (or an admin run) is ingesting right now; its run covers this one.
    if (!r.ok) logger[r.error.code === 'INGEST.BUSY' ? 'info' : 'error']({ code: r.error.code }, r.error.message);
  };

  // Catch up on start whenever the window has days missing or provisional, whatever ran before (a
  // failed start a minute ago included). The ingestion lock keeps processes starting together apart;
  // the later ones find nothing left to fetch.
  void catchUp(c.resolve(IngestRates), request, logger, run('startup')).catch((e: Error) =>
    logger.error({ err: { name: e.name, message: e.message } }, 'catch-up ingestion failed'),
  );
  logger.info({ cron: config.INGEST_CRON, days: config.INGEST_DAYS }, 'scheduled ingestion is on');
  return scheduleJob({ expression: config.INGEST_CRON, coordinator, logger, run: run('schedule') });
}

async function catchUp(
  ingest: IngestRates,
  request: IngestionRequest,
  logger: Logger,
  run: () => Promise<void>,
): Promise<void> {
  const plan = await ingest.plan(request);
  if (plan.ok && plan.value.fetch.length === 0) {
    logger.info({ days: plan.value.skip.length }, 'start-up catch-up: every day of the window is stored and final');
    return;
  }
  await run();
}
