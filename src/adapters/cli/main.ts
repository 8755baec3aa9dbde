// tsyringe needs the Reflect polyfill loaded before any decorated class.
import 'reflect-metadata';
import type { DependencyContainer } from 'tsyringe';
import { ConfigError, loadConfig, type Config } from '../../app/config.js';
import { buildContainer } from '../../app/container.js';
import { RunIngestion } from '../../app/run-ingestion.js';
import { createLogger } from '../../app/logger.js';
import { TOKENS } from '../../app/tokens.js';
import type { MongoConnection } from '../mongo/connect.js';
import { formatPlan, formatReport } from './format-report.js';
import { INGEST_USAGE, parseIngestArgs } from './ingest-args.js';
import { runKeysCommand } from './keys-command.js';
import { progressReporter } from './progress.js';

const USAGE =
  'Usage: fxrates <command>\n\nCommands:\n' +
  '  ingest    fetch rates from the provider into the database (fxrates ingest --help)\n' +
  '  keys      make an API key (fxrates keys new --name NAME --role read|admin)';

/** `fxrates ingest ...`: exit 0 when every planned day landed, 1 when some failed, 2 on bad arguments. */
async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  // Needs no configuration or database: a key is made from randomness alone.
  if (command === 'keys') return runKeysCommand(rest, process.stdout, process.stderr);
  if (command !== 'ingest') {
    process.stderr.write(`${command ? `unknown command: ${command}\n\n` : ''}${USAGE}\n`);
    return 2;
  }
  let config: Config;
  try {
    config = loadConfig();
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    process.stderr.write(`${e.message}\n`);
    return 2;
  }
  const args = parseIngestArgs(rest, config.INGEST_DAYS);
  if (!args.ok) {
    process.stderr.write(`${args.error}\n\n${INGEST_USAGE}\n`);
    return 2;
  }
  if (args.value === 'help') {
    process.stdout.write(`${INGEST_USAGE}\n`);
    return 0;
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
      return 2;
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
      process.stderr.write(`${r.error.message}\n\n${INGEST_USAGE}\n`);
      return 2;
    }
    const { plan, report } = r.value;
    if (cmd.json) process.stdout.write(`${JSON.stringify(cmd.dryRun ? { plan } : report, null, 2)}\n`);
    else process.stdout.write(`${cmd.dryRun ? formatPlan(plan) : formatReport(report)}\n`);
    return report.failed.length === 0 ? 0 : 1;
  } finally {
    await c.resolve<MongoConnection>(TOKENS.Mongo).close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`fxrates: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  },
);
