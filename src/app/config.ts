import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import cron from 'node-cron';
import proxyAddr from 'proxy-addr';
import { z } from 'zod';
import { parseCurrency } from '../domain/currency.js';

/**
 * The one place that reads the environment. Parsed once at start; a bad value stops the process with
 * a message naming the variable, instead of failing later in some request.
 */
const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');
const int = (min: number) => z.coerce.number().int().min(min);
const currency = z.string().refine((s) => parseCurrency(s).ok, 'must be a three-letter code such as EUR');

const schema = z.object({
  PORT: int(0).max(65535).default(8080),
  HOST: z.string().min(1).default('127.0.0.1'),
  MONGODB_URI: z
    .string()
    .regex(/^mongodb(\+srv)?:\/\//, 'must start with mongodb:// or mongodb+srv://')
    .optional(),
  MONGODB_DB: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,63}$/, 'letters, digits, _ and - only')
    .default('fxrates'),
  /** Where the embedded database keeps its files when MONGODB_URI is unset. */
  EMBEDDED_MONGO_DIR: z.string().min(1).default('.data/mongo'),
  DEFAULT_BASE: currency.default('EUR'),
  LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
  /** Development mode adds detail to error bodies; never set it on a public server. */
  NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),

  FIXER_API_KEY: z.string().min(1).optional(),
  FIXER_BASE_URL: z.url({ protocol: /^https?$/ }).default('https://data.fixer.io/api'),
  FIXER_AUTH: z.enum(['query', 'header']).optional(),
  FIXER_TIMESERIES: z.enum(['auto', 'on', 'off']).default('auto'),
  FIXER_RETRIES: int(0).max(10).default(3),
  FIXER_TIMEOUT_MS: int(1).default(10_000),
  FIXER_BREAKER_THRESHOLD: int(1).default(5),
  FIXER_BREAKER_HALF_OPEN_MS: int(1).default(30_000),
  FIXER_MONTHLY_QUOTA: int(0).default(100),

  /** Providers in order of preference, e.g. `fixer,ecb`. Default: fixer,ecb with a Fixer key, else ecb. */
  PROVIDERS: z
    .string()
    .regex(/^(fixer|ecb)(,(fixer|ecb))*$/, 'a comma-separated list of: fixer, ecb')
    .transform((s) => [...new Set(s.split(','))])
    .optional(),
  /** Stored days kept in memory for serving. */
  CACHE_MAX_DAYS: int(0).default(512),
  /** Serialised answers of immutable days kept at the HTTP edge; 0 turns the response cache off. */
  RESPONSE_CACHE_MAX_ENTRIES: int(0).default(10_000),
  /** Fetch (and store) a missing past day when it is asked for, if a provider is configured. */
  FETCH_ON_MISS: bool.default(false),

  ECB_BASE_URL: z.url({ protocol: /^https?$/ }).default('https://www.ecb.europa.eu/stats/eurofxref'),
  ECB_RETRIES: int(0).max(10).default(3),
  /** The full history file is several MB: allow it time. */
  ECB_TIMEOUT_MS: int(1).default(30_000),

  INGEST_ENABLED: bool.optional(),
  /** UTC. Default: 00:05, 06:05, 12:05 and 18:05, so a day is final soon after it ends. */
  INGEST_CRON: z
    .string()
    .refine((s) => cron.validate(s), 'not a valid cron expression')
    .default('5 0,6,12,18 * * *'),
  INGEST_CONCURRENCY: int(1).max(32).default(4),
  INGEST_DAYS: int(1).max(3660).default(10),

  /** Client API keys: comma-separated `name:role:sha256hex` (roles read, admin); no raw key is stored. */
  API_KEYS: z
    .string()
    .transform((s, ctx) => parseApiKeys(s, ctx))
    .default([]),
  /** true: every rates route needs a read (or admin) key. Admin routes always need an admin key. */
  AUTH_REQUIRED: bool.default(false),
  /** Requests per minute per key (or per client address without one); token bucket; 0 = no limit. */
  RATE_LIMIT_PER_MINUTE: int(0).default(600),
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
  WORKERS: z.union([z.literal('auto').transform(() => availableParallelism()), int(1).max(256)]).default(1),
  /** After SIGTERM/SIGINT: how long in-flight work may take before the process exits anyway (code 1). */
  SHUTDOWN_TIMEOUT_MS: int(1).default(10_000),
});

export interface ApiKeyEntry {
  readonly name: string;
  readonly role: 'read' | 'admin';
  /** SHA-256 of the key, lowercase hex. */
  readonly sha256: string;
}

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
  return Object.freeze({
    ...c,
    FIXER_AUTH:
      c.FIXER_AUTH ?? (new URL(c.FIXER_BASE_URL).pathname.replace(/\/+$/, '').endsWith('/fixer') ? 'header' : 'query'),
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
