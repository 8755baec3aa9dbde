import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { SandboxListenOptions, TransportFaultSettings } from './sandbox-settings.js';

type FlagConfigs = NonNullable<ParseArgsConfig['options']>;

/** The flags every sandbox CLI takes: where to listen, the transport faults and their seed. */
const sharedFlags = (defaultPort: number) =>
  ({
    port: { type: 'string', default: String(defaultPort) },
    host: { type: 'string', default: '127.0.0.1' },
    'latency-ms': { type: 'string' },
    'jitter-ms': { type: 'string' },
    'fail-rate': { type: 'string' },
    'html-rate': { type: 'string' },
    'truncate-rate': { type: 'string' },
    'hang-rate': { type: 'string' },
    seed: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  }) as const;

type Values<E extends FlagConfigs> = ReturnType<
  typeof parseArgs<{ options: ReturnType<typeof sharedFlags> & E }>
>['values'];

type SharedFlag = Exclude<keyof ReturnType<typeof sharedFlags>, 'help'>;
type SharedValues = { readonly [flag in SharedFlag]?: string } & { readonly help?: boolean };

/**
 * Parses the shared flags plus the sandbox's `extra` ones. A bad flag prints its message and the usage and
 * exits 2; `--help` prints the usage and exits 0. The readers return undefined for a flag not given, so the
 * sandbox's default applies (see `given`).
 */
export function parseSandboxFlags<const E extends FlagConfigs>(usage: string, defaultPort: number, extra: E) {
  function fail(message: string): never {
    console.error(`${message}\n\n${usage}`);
    process.exit(2);
  }

  let values: Values<E>;
  try {
    values = parseArgs({ options: { ...sharedFlags(defaultPort), ...extra } }).values;
  } catch (e) {
    fail((e as Error).message);
  }
  const shared = values as SharedValues;
  if (shared.help) {
    console.log(usage);
    process.exit(0);
  }

  function number(name: string, text: string | undefined, min: number, max: number): number | undefined {
    if (text === undefined) return undefined;
    const n = Number(text);
    if (text.trim() === '' || !Number.isFinite(n) || n < min || n > max)
      fail(`--${name} must be a number from ${min} to ${max}`);
    return n;
  }
  const rate = (name: SharedFlag) => number(name, shared[name], 0, 1);
  const ms = (name: SharedFlag) => number(name, shared[name], 0, 600_000);

  return {
    values,
    fail,
    number,
    listen: (): SandboxListenOptions => ({ port: number('port', shared.port, 0, 65535), host: shared.host }),
    transportFaults: (): Partial<TransportFaultSettings> => ({
      latencyMs: ms('latency-ms'),
      jitterMs: ms('jitter-ms'),
      failRate: rate('fail-rate'),
      htmlRate: rate('html-rate'),
      truncateRate: rate('truncate-rate'),
      hangRate: rate('hang-rate'),
    }),
    seed: (): number | undefined => number('seed', shared.seed, 0, 2 ** 32 - 1),
  };
}

/** Without the flags not given: an `undefined` would override the sandbox's default when spread over it. */
export const given = <O extends object>(options: O): O =>
  Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as O;
