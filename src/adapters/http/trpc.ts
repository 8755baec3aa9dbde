import { initTRPC } from '@trpc/server';
import type { OpenApiMeta } from 'trpc-to-openapi';
import type { ApiContext } from './context.js';
import { formatError } from './errors.js';

/**
 * The one tRPC instance. `isDev` stays false everywhere so that no error body ever carries a
 * stack trace or file path; the formatter adds the stable domain code clients can rely on.
 */
const t = initTRPC.context<ApiContext>().meta<OpenApiMeta>().create({ isDev: false, errorFormatter: formatError });

export const router = t.router;
export const publicProcedure = t.procedure;
export const createCallerFactory = t.createCallerFactory;
