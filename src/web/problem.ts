import { TRPCClientError } from '@trpc/client';

/** What went wrong, in words a person can act on. */
export interface Problem {
  readonly status: number | undefined;
  /** The API's stable code (`AUTH.INVALID_KEY`, `STORAGE.UNAVAILABLE`, ...) when the answer carried one. */
  readonly code: string | undefined;
  readonly message: string;
}

/** The service's error body outside tRPC's envelope (the edge's own refusals): `{ error, code, message }`. */
interface ErrorBody {
  readonly error?: unknown;
  readonly code?: unknown;
  readonly message?: unknown;
}

export function problemOf(e: unknown): Problem {
  if (!(e instanceof TRPCClientError))
    return { status: undefined, code: undefined, message: 'The service could not be reached.' };
  // tRPC's envelope carries the stable code as data.error; an edge answer is the plain error body.
  const data = e.data as { httpStatus?: number; error?: string } | undefined;
  const meta = e.meta as { response?: Response; responseJSON?: unknown } | undefined;
  const body = (typeof meta?.responseJSON === 'object' ? meta.responseJSON : undefined) as ErrorBody | undefined;
  const status = data?.httpStatus ?? meta?.response?.status;
  const code = data?.error ?? (typeof body?.code === 'string' ? body.code : undefined);
  const detail = typeof body?.message === 'string' ? body.message : e.message;
  const message = sentenceOf(status, code, detail, meta?.response?.headers.get('retry-after'));
  return { status, code, message };
}

function sentenceOf(status: number | undefined, code: string | undefined, detail: string, wait?: string | null) {
  if (code === 'AUTH.INVALID_KEY') return 'The API key was not accepted. Check it, or forget it above.';
  if (code === 'AUTH.REQUIRED' || status === 401) return 'This service needs an API key: enter one above.';
  if (code === 'AUTH.FORBIDDEN' || status === 403) return 'This API key may not do that.';
  if (code === 'RATE_LIMITED' || status === 429)
    return `Too many requests: try again${wait ? ` in ${wait} s` : ' shortly'}.`;
  if (code === 'STORAGE.UNAVAILABLE' || status === 503)
    return 'The database is not answering right now; the page will work again once it is back.';
  return status !== undefined && status < 500 ? detail : 'The service failed to answer; try again later.';
}
