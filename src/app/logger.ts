import { pino } from 'pino';
import type { Logger } from '../domain/logger.js';

/**
 * Paths whose values never reach a log line, wherever an object carrying them is logged: keys
 * sent to Fixer, client API keys, credentials in headers.
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
  'FIXER_API_KEY',
  '*.FIXER_API_KEY',
];

/** JSON lines to stdout (the service) or stderr (the CLI, whose stdout carries its output). */
export function createLogger(level: string, to: 'stdout' | 'stderr' = 'stdout'): Logger {
  return pino(
    { level, base: { service: 'fxrates' }, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } },
    pino.destination(to === 'stdout' ? 1 : 2),
  );
}
