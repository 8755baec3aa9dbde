import { existsSync } from 'node:fs';
import { isIP } from 'node:net';
import { availableParallelism } from 'node:os';
import cron from 'node-cron';
import proxyAddr from 'proxy-addr';
import { z } from 'zod';
import { parseCurrency } from '../domain/currency.js';
import type { ApiKeyEntry } from '../app/api-keys.js';
import { ECB_DEFAULTS } from '../adapters/ecb/index.js';
import { defaultFixerAuth, FIXER_DEFAULTS } from '../adapters/fixer/index.js';

/**
 * The one place that reads the environment. Parsed once at start; a bad value stops the process with
 * a message naming the variable, instead of failing later in some request.
 */
/** A setting from a fixed list, in any case (`TRUE`, `Info`, `ECB`). */
const oneOf = <const T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .transform((s) => s.toLowerCase())
    .pipe(z.enum(values, { error: `must be one of: ${values.join(', ')}` }));
const bool = oneOf(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => v === 'true' || v === '1' || v === 'yes');
const int = (min: number, max = Number.MAX_SAFE_INTEGER) => {
  const range = max === Number.MAX_SAFE_INTEGER ? `at least ${min}` : `from ${min} to ${max}`;
  const message = `must be a whole number ${range}`;
  return z.coerce.number({ error: message }).int(message).min(min, message).max(max, message);
};
const currency = z
  .string()
  .transform((s) => s.toUpperCase())
  .refine((s) => parseCurrency(s).ok, 'must be a three-letter currency code such as EUR');
/** A host name, or an IP address the resolver cannot mistake for a name (999.1.1.1 is neither). */
const host = z
  .string()
  .refine(
    (s) => isIP(s) !== 0 || (/^(?=.*[A-Za-z-])[A-Za-z0-9.-]{1,253}$/.test(s) && !s.startsWith('.')),
    'must be an IP address (127.0.0.1, 0.0.0.0, ::) or a host name',
  );

const schema = z.object({
  PORT: int(0, 65535).default(8080),
  HOST: host.default('127.0.0.1'),
  MONGODB_URI: z
    .string()
    .regex(
      /^mongodb(\+srv)?:\/\/([^@/?]+@)?[^@/?,:]+(:\d+)?(,[^@/?,:]+(:\d+)?)*(\/[^?]*)?(\?.*)?$/,
      'must be mongodb://HOST[:PORT][,HOST[:PORT]...]/ or mongodb+srv://HOST/ (a host is required)',
    )
    .optional(),
  MONGODB_DB: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,63}$/, 'letters, digits, _ and - only')
    .default('fxrates'),
  /** Where the embedded database keeps its files when MONGODB_URI is unset. */
  EMBEDDED_MONGO_DIR: z.string().min(1).default('.data/mongo'),
  DEFAULT_BASE: currency.default('EUR'),
  LOG_LEVEL: oneOf(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
  /** Accepted for the conventions of Node tooling; the service behaves the same whatever its value. */
  NODE_ENV: oneOf(['development', 'production', 'test']).default('production'),

  /** Fixer and APILayer keys are 32 characters; anything with spaces, or far shorter or longer, is a paste error. */
  FIXER_API_KEY: z
    .string()
    .regex(/^[\x21-\x7e]{8,128}$/, 'must be the key alone: 8 to 128 characters, no spaces or quotes around it')
    .optional(),
  FIXER_BASE_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).default(FIXER_DEFAULTS.baseUrl),
  FIXER_AUTH: oneOf(['query', 'header']).optional(),
  FIXER_TIMESERIES: oneOf(['auto', 'on', 'off']).default(FIXER_DEFAULTS.timeseries),
  FIXER_RETRIES: int(0, 10).default(FIXER_DEFAULTS.retries),
  FIXER_TIMEOUT_MS: int(1).default(FIXER_DEFAULTS.timeoutMs),
  FIXER_BREAKER_THRESHOLD: int(1).default(FIXER_DEFAULTS.breakerThreshold),
  FIXER_BREAKER_HALF_OPEN_MS: int(1).default(FIXER_DEFAULTS.breakerHalfOpenMs),
  FIXER_MONTHLY_QUOTA: int(0).default(100),

  /** Providers in order of preference, e.g. `fixer,ecb`. Default: fixer,ecb with a Fixer key, else ecb. */
  PROVIDERS: z
    .string()
    .transform((s) => s.toLowerCase().replace(/\s+/g, ''))
    .pipe(z.string().regex(/^(fixer|ecb)(,(fixer|ecb))*$/, 'must be a comma-separated list of: fixer, ecb'))
    .transform((s) => [...new Set(s.split(','))])
    .optional(),
  /** Stored days kept in memory for serving. */
  CACHE_MAX_DAYS: int(0).default(512),
  /** How often (ms) each process reads the shared data generation to learn of other processes' writes. */
  GENERATION_POLL_MS: int(50).max(60_000).default(1000),
  /** Serialised answers kept at the HTTP edge (entries); 0 turns the response cache off. */
  RESPONSE_CACHE_MAX_ENTRIES: int(0).default(10_000),
  /** Bytes the edge cache may hold (bodies and compressed variants); 0 turns it off. */
  RESPONSE_CACHE_MAX_BYTES: int(0).default(64 * 1024 * 1024),
  /** Largest answer the edge cache keeps (bytes); larger ones are always computed. */
  RESPONSE_CACHE_MAX_ENTRY_BYTES: int(1).default(1024 * 1024),
  /** Fetch (and store) a missing past day when it is asked for, if a provider is configured. */
  FETCH_ON_MISS: bool.default(false),

  ECB_BASE_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).default(ECB_DEFAULTS.baseUrl),
  ECB_RETRIES: int(0, 10).default(ECB_DEFAULTS.retries),
  /** The full history file is several MB: allow it time. */
  ECB_TIMEOUT_MS: int(1).default(ECB_DEFAULTS.timeoutMs),

  INGEST_ENABLED: bool.optional(),
  /** UTC. Default: 00:05, 06:05, 12:05 and 18:05, so a day is final soon after it ends. */
  INGEST_CRON: z
    .string()
    .refine((s) => cron.validate(s), 'not a valid cron expression')
    .default('5 0,6,12,18 * * *'),
  INGEST_CONCURRENCY: int(1, 32).default(4),
  INGEST_DAYS: int(1, 3660).default(10),

  /** Client API keys: comma-separated `name:role:sha256hex` (roles read, admin); no raw key is stored. */
  API_KEYS: z
    .string()
    .transform((s, ctx) => parseApiKeys(s, ctx))
    .default([]),
  /** true: every rates route needs a read (or admin) key. Admin routes always need an admin key. */
  AUTH_REQUIRED: bool.default(false),
  /** Requests per minute per key (or per client address without one); token bucket; 0 = no limit. */
  RATE_LIMIT_PER_MINUTE: int(0).default(600),
  /** Load shedding: over this mean event-loop delay (ms), new uncached requests get 503; 0 = off. */
  OVERLOAD_EVENT_LOOP_DELAY_MS: int(0).default(200),
  /** Load shedding: over this resident memory (MB), new uncached requests get 503; 0 = off. */
  OVERLOAD_MAX_RSS_MB: int(0).default(0),
  /** A request not answered within this many ms gets 503 and its answer is dropped; 0 = no deadline. */
  REQUEST_DEADLINE_MS: int(0, 600_000).default(10_000),
  /**
   * Proxies whose `X-Forwarded-For` names the client, for per-address rate limits: a hop count, or
   * addresses, CIDR subnets and `loopback`/`linklocal`/`uniquelocal`. Unset: the header is ignored.
   */
  TRUST_PROXY: z
    .string()
    .transform((s, ctx) => {
      try {
        return parseTrustProxy(s);
      } catch (e) {
        ctx.addIssue({ code: 'custom', message: `${(e as Error).message}; expected a hop count or addresses/subnets` });
        return z.NEVER;
      }
    })
    .optional(),
  /**
   * Peers (socket addresses, never a forwarded one) allowed to read `/metrics`: addresses, CIDR subnets and
   * `loopback`/`linklocal`/`uniquelocal`, comma-separated. Unset: anyone may.
   */
  METRICS_ALLOW: z
    .string()
    .transform((s, ctx) => {
      const addresses = s
        .split(',')
        .map((a) => a.trim())
        .filter((a) => a !== '');
      try {
        proxyAddr.compile(addresses);
        return addresses;
      } catch (e) {
        ctx.addIssue({ code: 'custom', message: `${(e as Error).message}; expected addresses/subnets` });
        return z.NEVER;
      }
    })
    .optional(),
  /**
   * Origins whose browser apps may call the API: `*` (the default, as public rate APIs do) or a
   * comma-separated list of origins. Admin routes answer cross-origin only to listed origins.
   */
  CORS_ORIGINS: z
    .string()
    .transform((s): '*' | string[] =>
      s.trim() === '*'
        ? '*'
        : s
            .split(',')
            .map((o) => o.trim())
            .filter((o) => o !== ''),
    )
    .default('*'),
  /** HTTP worker processes sharing the port; `auto` = one per core. */
  WORKERS: z
    .string()
    .transform((s, ctx) => {
      if (s.toLowerCase() === 'auto') return availableParallelism();
      const n = Number(s);
      if (Number.isInteger(n) && n >= 1 && n <= 256) return n;
      ctx.addIssue({ code: 'custom', message: 'must be auto or a whole number from 1 to 256' });
      return z.NEVER;
    })
    .default(1),
  /** After SIGTERM/SIGINT: how long in-flight work may take before the process exits anyway (code 1). */
  SHUTDOWN_TIMEOUT_MS: int(1).default(10_000),
});

const API_KEY_ENTRY = /^([A-Za-z0-9_.-]{1,64}):(read|admin):([0-9a-f]{64})$/;

function parseApiKeys(spec: string, ctx: z.RefinementCtx): ApiKeyEntry[] {
  const entries: ApiKeyEntry[] = [];
  for (const [i, raw] of spec.split(',').entries()) {
    if (raw.trim() === '') continue;
    const m = API_KEY_ENTRY.exec(raw.trim());
    if (!m) {
      // Never echo the entry: it may be a raw key pasted by mistake.
      ctx.addIssue({ code: 'custom', message: `entry ${i + 1} is not name:read|admin:sha256-hex` });
      continue;
    }
    if (entries.some((e) => e.name === m[1])) ctx.addIssue({ code: 'custom', message: `key name ${m[1]} is repeated` });
    entries.push({ name: m[1]!, role: m[2] as 'read' | 'admin', sha256: m[3]! });
  }
  return entries;
}

/** `TRUST_PROXY`: a hop count, or addresses and subnets (checked now, so a typo stops the start). */
function parseTrustProxy(spec: string): { hops: number } | { addresses: string[] } {
  if (/^\d+$/.test(spec)) return { hops: Number(spec) };
  const addresses = spec
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  proxyAddr.compile(addresses); // throws "invalid IP address: …" for anything else
  return { addresses };
}

/** Every variable the service reads; `.env.example` documents each (a test checks). */
export const CONFIG_VARIABLES = Object.keys(schema.shape);

export type Config = Readonly<z.output<typeof schema>> & {
  /** Resolved: explicit FIXER_AUTH, else header for APILayer URLs (path ending in /fixer), else query. */
  readonly FIXER_AUTH: 'query' | 'header';
  /** Resolved: explicit INGEST_ENABLED, else on (the ECB needs no key). */
  readonly INGEST_ENABLED: boolean;
  /** Resolved: explicit PROVIDERS, else fixer then ecb with a Fixer key, else ecb. */
  readonly PROVIDERS: readonly string[];
};

export class ConfigError extends Error {}

export function parseConfig(env: Readonly<Record<string, string | undefined>>): Config {
  // An empty value in .env means "not set", as it does for most tools.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const c = parsed.data;
  if (c.AUTH_REQUIRED && c.API_KEYS.length === 0) {
    throw new ConfigError(
      'Invalid configuration:\n  API_KEYS: AUTH_REQUIRED=true needs at least one key (name:read|admin:sha256-hex); ' +
        'make one with `npx fxrates keys new --name NAME --role admin`',
    );
  }
  return Object.freeze({
    ...c,
    FIXER_AUTH: c.FIXER_AUTH ?? defaultFixerAuth(c.FIXER_BASE_URL),
    INGEST_ENABLED: c.INGEST_ENABLED ?? true,
    PROVIDERS: c.PROVIDERS ?? (c.FIXER_API_KEY !== undefined ? ['fixer', 'ecb'] : ['ecb']),
  });
}

/**
 * The process's configuration, read from `process.env` once, after loading `.env` from the working
 * directory if there is one (variables already set in the environment win).
 */
export function loadConfig(envFile = '.env'): Config {
  if (existsSync(envFile)) process.loadEnvFile(envFile);
  return parseConfig(process.env);
}
