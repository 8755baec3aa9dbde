import type { FastifyInstance } from 'fastify';
import { ANONYMOUS } from '../../../app/api-keys.js';
import { presentedKey } from '../auth/credentials.js';
import type { HttpOptions } from '../http-options.js';
import { observeRequest, PROBES } from './access-log.js';
import { attachRequestState, type RequestState } from './request-state.js';

/**
 * First thing on every request: who calls (once, before rate limiting and before any body is read),
 * the `x-worker` header, and the access log line and metrics sample when the answer is done.
 */
export function installIdentification(app: FastifyInstance, opts: HttpOptions): void {
  const procedures = new Set(Object.keys(opts.router._def.procedures));
  app.addHook('onRequest', (request, reply, done) => {
    const path = request.url.split('?', 1)[0]!;
    if (opts.workerId !== undefined) void reply.header('x-worker', opts.workerId);
    const state: RequestState = {
      // Probes and metrics need no key: do not spend a digest on them.
      caller: PROBES.has(path.slice(1)) ? ANONYMOUS : opts.keys.identify(presentedKey(request.headers)),
      paths: undefined,
      cost: 1,
      label: fixedLabel(path),
    };
    attachRequestState(request.raw, state);
    observeRequest(request.raw, reply.raw, state.caller, () => routeLabel(state, procedures), opts);
    done();
  });
}

function routeLabel(state: RequestState, procedures: ReadonlySet<string>): string {
  return state.label ?? procedureLabel(state.paths, procedures);
}

/** The route label of an answer by the procedures at `paths`: one's name, `batch`, or `unknown`. */
export function procedureLabel(paths: readonly string[] | undefined, procedures: ReadonlySet<string>): string {
  if (paths === undefined || paths.length === 0) return 'unknown';
  if (paths.length > 1) return 'batch';
  return procedures.has(paths[0]!) ? paths[0]! : 'unknown';
}

function fixedLabel(path: string): string | undefined {
  if (PROBES.has(path.slice(1))) return path.slice(1);
  if (path === '/openapi.json') return 'openapi';
  if (path.startsWith('/docs')) return 'docs';
  if (path === '/') return 'home';
  if (path.startsWith('/assets/') || path === '/favicon.ico') return 'assets';
  return undefined;
}
