import { InMemoryRequestBudget } from '../../src/adapters/memory/in-memory-request-budget.js';
import type { FixerOptions } from '../../src/adapters/fixer/fixer-options.js';
import { MongoIngestionRunLog } from '../../src/adapters/mongo/mongo-ingestion-run-log.js';
import { MongoRateRepository } from '../../src/adapters/mongo/mongo-rate-repository.js';
import { IngestRates } from '../../src/app/ingest-rates.js';
import { TOKENS } from '../../src/app/tokens.js';
import { MongoCurrencyCatalog } from '../../src/adapters/mongo/mongo-currency-catalog.js';
import { testContainer } from './container.js';
import type { IngestionRequest, IngestionTarget } from '../../src/domain/ingestion-plan.js';
import type { RequestBudget } from '../../src/domain/request-budget.js';
import type { FixerSandbox, FixerSandboxOptions } from '../../src/sandbox/fixer/index.js';
import { SANDBOX_NOW, startTestSandbox, testProvider, type TestProvider } from './fixer-sandbox.js';
import { testDb, type TestDb } from './mongo.js';
import { ProviderChain } from '../../src/app/provider-chain.js';
import type { RateProvider } from '../../src/domain/rate-provider.js';
import type { EcbSandbox, EcbSandboxOptions } from '../../src/sandbox/ecb/index.js';
import { startTestEcbSandbox, testEcbProvider } from './ecb-sandbox.js';

/** The ingest use case wired to real parts: the Fixer sandbox over HTTP and a real MongoDB-wire server. */
export interface IngestRig {
  readonly ingest: IngestRates;
  readonly sandbox: FixerSandbox;
  readonly repo: MongoRateRepository;
  readonly runs: MongoIngestionRunLog;
  readonly catalog: MongoCurrencyCatalog;
  readonly clock: () => Date;
  readonly db: TestDb;
  readonly fixer: TestProvider;
  /** The ECB sandbox, when `providers` names ecb. */
  readonly ecbSandbox: EcbSandbox | null;
  /** What the use case ingests from: Fixer alone by default, else a chain in `providers` order. */
  readonly provider: RateProvider;
  /** Moves the shared clock (service and sandbox alike). */
  setNow(now: Date): void;
  dispose(): Promise<void>;
}

export async function ingestRig(
  opts: {
    sandbox?: FixerSandboxOptions;
    fixer?: Partial<FixerOptions>;
    budget?: RequestBudget;
    concurrency?: number;
    providers?: readonly ('fixer' | 'ecb')[];
    ecbSandbox?: EcbSandboxOptions;
  } = {},
): Promise<IngestRig> {
  let now = SANDBOX_NOW;
  const clock = () => now;
  const db = await testDb();
  const repo = new MongoRateRepository(db.db);
  const runs = new MongoIngestionRunLog(db.db);
  await Promise.all([repo.init(), runs.init()]);
  const sandbox = await startTestSandbox({ now: clock, ...opts.sandbox });
  const fixer = testProvider(
    sandbox.url,
    opts.fixer,
    opts.budget ?? new InMemoryRequestBudget({ fixer: 10_000 }),
    clock,
  );
  const names = opts.providers ?? ['fixer'];
  const ecbSandbox = names.includes('ecb') ? await startTestEcbSandbox({ now: clock, ...opts.ecbSandbox }) : null;
  const members: RateProvider[] = names.map((n) =>
    n === 'fixer' ? fixer.provider : testEcbProvider(ecbSandbox!.url, {}, clock).provider,
  );
  const provider = members.length === 1 ? members[0]! : new ProviderChain(members, fixer.logger);
  const catalog = new MongoCurrencyCatalog(db.db);
  const c = testContainer({
    repo,
    catalog,
    provider,
    now: clock,
    logger: fixer.logger,
    env: { INGEST_CONCURRENCY: String(opts.concurrency ?? 4) },
  });
  c.register(TOKENS.IngestionRunLog, { useValue: runs });
  const ingest = c.resolve(IngestRates);
  return {
    ingest,
    sandbox,
    repo,
    runs,
    catalog,
    clock,
    db,
    fixer,
    ecbSandbox,
    provider,
    setNow: (d) => void (now = d),
    dispose: async () => {
      await sandbox.close();
      await ecbSandbox?.close();
      await db.drop();
    },
  };
}

export const request = (target: IngestionTarget, refresh = false): IngestionRequest => ({
  target,
  refresh,
  confirmLarge: false,
});
