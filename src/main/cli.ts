// tsyringe needs the Reflect polyfill loaded before any decorated class.
import 'reflect-metadata';
import type { DependencyContainer } from 'tsyringe';
import { ConfigError, loadConfig, type Config } from './config.js';
import { buildContainer } from './container.js';
import { RunIngestion } from '../app/run-ingestion.js';
import { createLogger } from './logger.js';
import { TOKENS } from '../app/tokens.js';
import type { MongoConnection } from '../adapters/mongo/connect.js';
import type { DomainError } from '../domain/errors.js';
import { UnconfirmedRangeError } from '../domain/ingestion-plan.js';
import { EXIT } from '../adapters/cli/exit-codes.js';
import { formatPlan, formatReport, standInWarnings } from '../adapters/cli/format-report.js';
import { estimateRequests } from '../adapters/cli/request-estimate.js';
import { INGEST_USAGE, parseIngestArgs } from '../adapters/cli/ingest-args.js';
import { runKeysCommand } from '../adapters/cli/keys-command.js';
import { progressReporter } from '../adapters/cli/progress.js';

const USAGE =
  'Usage: fxrates <command> [options]\n\nCommands:\n' +
  '  serve     run the API and the scheduled ingestion, as `npm start` does (fxrates serve --help)\n' +
  '  ingest    fetch rates from the providers into the database (fxrates ingest --help)\n' +
  '  keys      make an API key (fxrates keys new --help)\n\n' +
  `Exit status: ${EXIT.ok} done, ${EXIT.failed} some days failed (or the run failed), ` +
  `${EXIT.usage} bad arguments or configuration, ${EXIT.busy} another ingestion holds the lock.`;

const SERVE_USAGE =
  'Usage: fxrates serve\n\n' +
  'Serves the REST and tRPC API, /docs and the home page on HOST:PORT (default 127.0.0.1:8080), and\n' +
  'ingests on INGEST_CRON. Configured by environment variables (and .env): see .env.example. Without\n' +
  'MONGODB_URI it starts an embedded MongoDB under EMBEDDED_MONGO_DIR.';

/** `fxrates ingest ...`: see EXIT for the exit statuses. */
async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return EXIT.ok;
  }
  if (command === 'serve') {
    if (rest.includes('--help') || rest.includes('-h')) {
      process.stdout.write(`${SERVE_USAGE}\n`);
      return EXIT.ok;
    }
    // The server runs until a signal; serve.ts owns the process from here (its exit status included).
    await import('./serve.js');
    return new Promise<number>(() => {});
  }
  // Needs no configuration or database: a key is made from randomness alone.
  if (command === 'keys') return runKeysCommand(rest, process.stdout, process.stderr);
  if (command !== 'ingest') {
    process.stderr.write(`${command ? `unknown command: ${command}\n\n` : ''}${USAGE}\n`);
    return EXIT.usage;
  }
  // Help needs no configuration: it must work before anything is set up.
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(`${INGEST_USAGE}\n`);
    return EXIT.ok;
  }
  let config: Config;
  try {
    config = loadConfig();
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    process.stderr.write(`${e.message}\n`);
    return EXIT.usage;
  }
  const args = parseIngestArgs(rest, config.INGEST_DAYS);
  if (!args.ok) {
    process.stderr.write(`${args.error}\n\n${INGEST_USAGE}\n`);
    return EXIT.usage;
  }
  if (args.value === 'help') {
    process.stdout.write(`${INGEST_USAGE}\n`);
    return EXIT.ok;
  }
  const cmd = args.value;
  // Logs go to stderr so that --json output on stdout stays machine-readable.
  const logger = createLogger(config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL, 'stderr');
  const c: DependencyContainer = await buildContainer(config, logger);
  try {
    if (!c.isRegistered(TOKENS.RateProvider)) {
      process.stderr.write(
        `no provider can run (PROVIDERS=${config.PROVIDERS.join(',')}; fixer needs FIXER_API_KEY).\n`,
      );
      return EXIT.usage;
    }
    const ingest = c.resolve(RunIngestion);
    const progress = progressReporter(process.stderr);
    const r = await ingest.execute(cmd.request, {
      trigger: 'cli',
      dryRun: cmd.dryRun,
      onProgress: (done, total) => progress.update(done, total),
    });
    progress.end();
    if (!r.ok) {
      // The request was understood; the use case refused it: its reason is the message, not the usage.
      process.stderr.write(`${useCaseMessage(r.error)}\n`);
      return exitFor(r.error);
    }
    const { plan, report } = r.value;
    if (cmd.json) process.stdout.write(`${JSON.stringify(cmd.dryRun ? { plan } : report, null, 2)}\n`);
    else {
      const text = cmd.dryRun ? formatPlan(plan, estimateRequests(config, plan.fetch)) : formatReport(report);
      process.stdout.write(`${text}\n`);
    }
    for (const w of standInWarnings(report)) process.stderr.write(`${w}\n`);
    return report.failed.length === 0 ? EXIT.ok : EXIT.failed;
  } finally {
    await c.resolve<MongoConnection>(TOKENS.Mongo).close();
  }
}

function useCaseMessage(e: DomainError): string {
  if (e instanceof UnconfirmedRangeError) return `${e.message}: add --yes to confirm.`;
  if (e.code === 'INGEST.BUSY') return e.message;
  return `${e.message} (see fxrates ingest --help)`;
}

function exitFor(e: DomainError): number {
  if (e.code === 'INGEST.BUSY') return EXIT.busy;
  // What was asked cannot be planned (a future day, a reversed range): the arguments are wrong.
  if (e.code.startsWith('RATES.')) return EXIT.usage;
  return EXIT.failed;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`fxrates: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(EXIT.failed);
  },
);
