import { createTRPCClient, httpBatchLink } from '@trpc/client';
import type { AppRouter } from './adapters/http/app-router.js';

export type { AppRouter } from './adapters/http/app-router.js';
export { exportRange, ExportError, type ExportedDay, type ExportedPeriod, type ExportQuery } from './export-client.js';

/**
 * A typed client for a running fxrates service, e.g.
 * `await createClient('http://127.0.0.1:8080').rates.byDate.query({ date: '2024-01-02', base: 'USD' })`.
 */
export function createClient(baseUrl: string, headers?: Record<string, string>) {
  return createTRPCClient<AppRouter>({
    links: [httpBatchLink({ url: `${baseUrl.replace(/\/+$/, '')}/trpc`, headers: headers ?? {} })],
  });
}
