import { errorBody } from '../error-body.js';

const MESSAGE = 'Too many requests; retry after the time in Retry-After';

/** The 429 body: the REST error body, or a tRPC error envelope under /trpc so that typed clients can read it. */
export function rateLimitedBody(trpc: boolean): object {
  if (!trpc) return errorBody('RATE_LIMITED', MESSAGE);
  return {
    error: {
      message: MESSAGE,
      code: -32029,
      data: { code: 'TOO_MANY_REQUESTS', httpStatus: 429, error: 'RATE_LIMITED' },
    },
  };
}
