import { createTRPCClient, httpLink, TRPCClientError } from '@trpc/client';
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

/** What went wrong, in words a person can act on. */
export interface Problem {
  readonly status: number | undefined;
  readonly message: string;
}

export function problemOf(e: unknown): Problem {
  if (!(e instanceof TRPCClientError)) return { status: undefined, message: 'The service could not be reached.' };
  const data = e.data as { httpStatus?: number; error?: string } | undefined;
  const meta = e.meta as { response?: Response } | undefined;
  const status = data?.httpStatus ?? meta?.response?.status;
  switch (status) {
    case 401:
      return {
        status,
        message:
          data?.error === 'AUTH.INVALID_KEY'
            ? 'The API key was not accepted. Check it, or forget it above.'
            : 'This service needs an API key: enter one above.',
      };
    case 403:
      return { status, message: 'This API key may not do that.' };
    case 429: {
      const wait = meta?.response?.headers.get('retry-after');
      return { status, message: `Too many requests: try again${wait ? ` in ${wait} s` : ' shortly'}.` };
    }
    case 503:
      return { status, message: 'The database is not answering right now; the page will work again once it is back.' };
    case 404:
      return { status, message: e.message };
    default:
      return { status, message: status && status < 500 ? e.message : 'The service failed to answer; try again later.' };
  }
}
