import type { FastifyReply } from 'fastify';
import { errorBody } from '../error-body.js';

/** A readiness check waits this long for the database; a probe must answer well within its own timeout. */
const PING_TIMEOUT_MS = 2_000;

/**
 * Whether the database answers. Indexes are made before the listener starts, so a process that
 * answers at all has them; what can change later is whether the database is reachable.
 */
export function readiness(ping: () => Promise<void>) {
  return async (reply: FastifyReply): Promise<FastifyReply> => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('ping timed out')), PING_TIMEOUT_MS);
    });
    void reply.header('cache-control', 'no-store');
    try {
      await Promise.race([ping(), timeout]);
      return reply.send({ status: 'ready' });
    } catch {
      const body = errorBody('STORAGE.UNAVAILABLE', 'the rates database is unavailable');
      return reply.code(503).send({ status: 'unavailable', ...body });
    } finally {
      clearTimeout(timer);
    }
  };
}
