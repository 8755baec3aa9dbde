import { Gauge, type Registry } from 'prom-client';
import type { BudgetStatus } from '../../domain/request-budget.js';
import { STORAGE_BASE } from '../../domain/currency.js';

/** Values read when Prometheus scrapes, from whoever knows them now (storage, the request budget). */
export interface ScrapeSources {
  /** Budget of each metered provider. */
  readonly quota?: () => Promise<readonly BudgetStatus[]>;
  /** Start (UTC midnight) of the newest stored day, or null when nothing is stored. */
  readonly newestDay?: () => Promise<Date | null>;
  readonly now?: () => Date;
}

/**
 * Gauges computed on scrape. A failing source (database down) leaves the gauge without a sample
 * rather than failing the scrape: the process metrics still matter most then.
 */
export function registerScrapeGauges(registry: Registry, sources: ScrapeSources): void {
  const now = sources.now ?? (() => new Date());
  const { quota, newestDay } = sources;
  new Gauge({
    name: 'fxrates_provider_quota_remaining',
    help: 'Provider requests left this month (metered providers with a limit)',
    labelNames: ['provider'],
    registers: [registry],
    // Every worker reads the same shared budget: summing them would multiply it.
    aggregator: 'min',
    async collect() {
      this.reset();
      if (!quota) return;
      const statuses = await quota().catch(() => []);
      for (const s of statuses) if (Number.isFinite(s.remaining)) this.set({ provider: s.provider }, s.remaining);
    },
  });
  new Gauge({
    name: 'fxrates_newest_rates_age_seconds',
    help: 'Seconds since the start (UTC) of the newest stored day; no sample while nothing is stored',
    // A label only so that the gauge can have no sample at all (an unlabelled gauge always shows 0).
    labelNames: ['base'],
    registers: [registry],
    aggregator: 'min',
    async collect() {
      this.reset();
      if (!newestDay) return;
      const day = await newestDay().catch(() => null);
      if (day) this.set({ base: STORAGE_BASE }, Math.max(0, (now().getTime() - day.getTime()) / 1000));
    },
  });
}
