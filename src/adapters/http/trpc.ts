import { initTRPC } from '@trpc/server';
import type { OpenApiMeta } from 'trpc-to-openapi';
import { accessRefusal, type Access } from './auth/access-guard.js';
import type { Role } from '../../app/api-keys.js';
import { CacheHints } from './cache-hints.js';
import type { ApiContext } from './context.js';
import { fail, formatError, toTRPCError } from './errors.js';

export type { Access };
export type ApiMeta = OpenApiMeta & {
  readonly access?: Access;
  /** Statuses this procedure may answer beyond the generator's defaults, documented in OpenAPI. */
  readonly moreErrors?: Readonly<Record<number, string>>;
};

/**
 * The one tRPC instance. `isDev` stays false everywhere so that no error body ever carries a
 * stack trace or file path; the formatter adds the stable domain code clients can rely on.
 */
const t = initTRPC.context<ApiContext>().meta<ApiMeta>().create({ isDev: false, errorFormatter: formatError });

export const router = t.router;

/**
 * What every call goes through, in one middleware: tRPC copies the call's options (twice) at each
 * middleware, which cost more than these checks, so they are not three.
 * - Access: the same for tRPC and REST since both call procedures. A key that is presented but unknown
 *   is refused even where none is needed: a client with a wrong key should learn so at once.
 * - Cache hints: each call says how cacheable its own answer is; the response is as cacheable as its
 *   least part.
 * - Errors: whatever a procedure throws (a provider failure on fetch-on-miss, an unreachable database)
 *   goes through the one error mapping, instead of becoming a bare 500.
 */
const calls = (needed: Role) =>
  t.middleware(async ({ ctx, next }) => {
    const refusal = accessRefusal(ctx.caller, needed, ctx.authRequired);
    if (refusal) fail(refusal);
    const own = new CacheHints();
    const result = await next({ ctx: { cache: own } });
    ctx.cache.include(own);
    if (!result.ok && result.error.code === 'INTERNAL_SERVER_ERROR' && result.error.cause) {
      throw toTRPCError(result.error.cause);
    }
    return result;
  });

/** Rates routes: open unless AUTH_REQUIRED, then a read (or admin) key. */
export const authedProcedure = t.procedure.meta({ access: 'read' }).use(calls('read'));
/** Operations: always an admin key. */
export const adminProcedure = t.procedure.meta({ access: 'admin' }).use(calls('admin'));
