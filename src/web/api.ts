import { createTRPCClient, httpLink } from '@trpc/client';
import type { AppRouter } from '../adapters/http/app-router.js';
import { currentKey } from './key-store.js';

/** The page is a client of the router like any other: typed procedures, the key as the API's header. */
export const api = createTRPCClient<AppRouter>({
  links: [
    httpLink({
      url: '/trpc',
      // Never from the browser's cache: an answer cached under one key must not answer for another (or none).
      fetch: (url, init) => fetch(url, { ...(init as RequestInit), cache: 'no-store' }),
      headers: (): Record<string, string> => {
        const key = currentKey();
        return key ? { 'x-api-key': key } : {};
      },
    }),
  ],
});
