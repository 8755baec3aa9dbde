import { parseArgs } from 'node:util';
import { apiKeyEntry, newApiKey, type Role } from '../../app/api-keys.js';

export const KEYS_USAGE = `Usage: fxrates keys new --name NAME --role read|admin

Makes a new API key. Prints the key once (it is stored nowhere) and the entry to add to API_KEYS,
which holds only the key's SHA-256. NAME (letters, digits, _ . -) shows in logs and metrics.`;

export interface Output {
  write(text: string): unknown;
}

/** `fxrates keys new ...`: exit 0 with the key printed, 2 on bad arguments. */
export function runKeysCommand(argv: readonly string[], out: Output, errOut: Output): number {
  const [sub, ...rest] = argv;
  if (sub === '--help' || sub === '-h' || sub === 'help' || rest.includes('--help') || rest.includes('-h')) {
    return (void out.write(`${KEYS_USAGE}\n`), 0);
  }
  let values;
  try {
    ({ values } = parseArgs({
      args: [...rest],
      options: { name: { type: 'string' }, role: { type: 'string' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (e) {
    return usageError(errOut, (e as Error).message);
  }
  if (sub !== 'new') return usageError(errOut, sub ? `unknown keys command: ${sub}` : 'missing keys command');
  const { name, role } = values;
  if (!name) return usageError(errOut, '--name is required: 1 to 64 letters, digits, _ . or -');
  if (!/^[A-Za-z0-9_.-]{1,64}$/.test(name)) {
    return usageError(errOut, `--name ${JSON.stringify(name)} is not valid: use 1 to 64 letters, digits, _ . or -`);
  }
  if (role !== 'read' && role !== 'admin') return usageError(errOut, '--role must be read or admin');
  const key = newApiKey();
  out.write(
    `API key for ${name} (${role}); shown once, store it now:\n\n  ${key}\n\n` +
      `Add this entry to API_KEYS (comma-separated with the others):\n\n  ${apiKeyEntry(name, role as Role, key)}\n\n` +
      `Clients send it as "Authorization: Bearer <key>" or "X-API-Key: <key>".\n`,
  );
  return 0;
}

function usageError(errOut: Output, message: string): number {
  errOut.write(`${message}\n\n${KEYS_USAGE}\n`);
  return 2;
}
