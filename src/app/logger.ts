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

export function createLogger(level: string): Logger {
  return pino({ level, base: { service: 'fxrates' }, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } });
}
