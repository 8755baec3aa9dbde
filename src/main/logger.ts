import { pino, type DestinationStream } from 'pino';
import type { Logger } from '../domain/logger.js';

/**
 * Paths whose values never reach a log line, wherever an object carrying them is logged: keys
 * sent to Fixer, client API keys and their configured digests, credentials in headers and URIs.
 */
export const REDACTED_PATHS = [
  'apiKey',
  '*.apiKey',
  'access_key',
  '*.access_key',
  'apikey',
  '*.apikey',
  'authorization',
  '*.authorization',
  'headers["x-api-key"]',
  '*.headers["x-api-key"]',
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'FIXER_API_KEY',
  '*.FIXER_API_KEY',
  'API_KEYS',
  '*.API_KEYS',
  'MONGODB_URI',
  '*.MONGODB_URI',
  'password',
  '*.password',
  'token',
  '*.token',
  'secret',
  '*.secret',
];

export interface LoggerOptions {
  readonly level: string;
  /** Default: stdout (the service) or stderr (the CLI, whose stdout carries its output). */
  readonly to?: 'stdout' | 'stderr';
  /** Human-readable lines (pino-pretty); default: when the output is a terminal. */
  readonly pretty?: boolean;
  /** Somewhere else to write JSON lines (tests capture them). */
  readonly destination?: DestinationStream;
}

const base = (level: string) => ({
  level,
  base: { service: 'fxrates' },
  redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
});

/** JSON lines, one object each, with secrets redacted; pretty on a terminal. */
export function createPinoLogger(options: LoggerOptions): Logger {
  if (options.destination) return pino(base(options.level), options.destination);
  const fd = options.to === 'stderr' ? 2 : 1;
  const pretty = options.pretty ?? (fd === 1 ? process.stdout : process.stderr).isTTY === true;
  if (pretty) {
    // Redaction happens before the transport sees the object: pretty output is redacted too.
    return pino({ ...base(options.level), transport: { target: 'pino-pretty', options: { destination: fd } } });
  }
  return pino(base(options.level), pino.destination(fd === 1 ? bufferedOutput(fd) : fd));
}

/**
 * The service's stdout: written without blocking the event loop (access lines arrive in batches of up to
 * 20 ms: main/pino-access-log.ts), so a slow or stalled reader of the output cannot
 * stall the answers; what it has not taken is held up to 16 MiB, then dropped rather than grow without
 * bound. pino writes out what is left when the process exits. The CLI's log (stderr) is written as it
 * comes.
 */
const bufferedOutput = (fd: number) => ({ fd, sync: false, maxLength: 16 * 1024 * 1024 });

/** JSON lines to stdout (the service) or stderr (the CLI, whose stdout carries its output). */
export function createLogger(level: string, to: 'stdout' | 'stderr' = 'stdout'): Logger {
  return createPinoLogger({ level, to });
}
