import { initTRPC } from '@trpc/server';
import type { OpenApiMeta } from 'trpc-to-openapi';
import type { ApiContext } from './context.js';
import { formatError, toTRPCError } from './errors.js';

/**
 * The one tRPC instance. `isDev` stays false everywhere so that no error body ever carries a
 * stack trace or file path; the formatter adds the stable domain code clients can rely on.
 */
const t = initTRPC.context<ApiContext>().meta<OpenApiMeta>().create({ isDev: false, errorFormatter: formatError });

/**
 * Whatever a procedure throws (a provider failure on fetch-on-miss, an unreachable database) goes
 * through the one error mapping, instead of becoming a bare 500.
 */
const mapErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.code === 'INTERNAL_SERVER_ERROR' && result.error.cause) {
    throw toTRPCError(result.error.cause);
  }
  return result;
});

export const router = t.router;
export const publicProcedure = t.procedure.use(mapErrors);
export const createCallerFactory = t.createCallerFactory;
