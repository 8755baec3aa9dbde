import type { onRequestHookHandler } from 'fastify';
import { accessRefusal, type Access } from '../auth/access-guard.js';
import { requestStateOf } from '../edge/request-state.js';
import { toTRPCError } from '../errors.js';
import type { HttpOptions } from '../http-options.js';

/**
 * Refuses a caller before its body is read or parsed (401/403 come before 400/413/415), with the same
 * error the procedure would give; `send` shapes it for the face (REST body or tRPC envelope).
 */
export function accessHook(
  opts: HttpOptions,
  accessOf: (params: unknown) => Access | undefined,
  send: (status: number, code: string, message: string) => object,
): onRequestHookHandler {
  return (request, reply, done) => {
    const access = accessOf(request.params);
    const caller = requestStateOf(request.raw)?.caller;
    const refusal = access && caller ? accessRefusal(caller, access, opts.authRequired) : undefined;
    if (!refusal) return done();
    const status = toTRPCError(refusal).code === 'FORBIDDEN' ? 403 : 401;
    void reply
      .code(status)
      .headers({ 'content-type': 'application/json', 'cache-control': 'no-store' })
      .header('www-authenticate', 'Bearer realm="fxrates"')
      .send(JSON.stringify(send(status, refusal.code, refusal.message)));
  };
}
