import type { FastifyReply } from 'fastify';
import { errorBody } from '../error-body.js';

/** A readiness check waits this long for the database; a probe must answer well within its own timeout. */
const PING_TIMEOUT_MS = 2_000;
/** How long one ping's outcome answers /readyz: probes cost the database at most one ping a second. */
export const READINESS_TTL_MS = 1_000;

/**
 * Whether the database answers, pinged at most once per `ttlMs`: every /readyz in that time gets the
 * outcome of the last ping, and concurrent ones share the ping in flight. So a flood of probes costs
 * the database nothing more, and a slow database delays them by at most one ping's timeout.
 */
export function sharedPing(
  ping: () => Promise<void>,
  ttlMs = READINESS_TTL_MS,
  now: () => number = () => performance.now(),
): () => Promise<boolean> {
  let last: { ok: boolean; at: number } | undefined;
  let inFlight: Promise<boolean> | undefined;
  return () => {
    if (last && now() - last.at < ttlMs) return Promise.resolve(last.ok);
    inFlight ??= pingWithin(ping, PING_TIMEOUT_MS).then((ok) => {
      last = { ok, at: now() };
      inFlight = undefined;
      return ok;
    });
    return inFlight;
  };
}

async function pingWithin(ping: () => Promise<void>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('ping timed out')), ms);
  });
  try {
    await Promise.race([ping(), timeout]);
    return true;
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Whether the database answers. Indexes are made before the listener starts, so a process that
 * answers at all has them; what can change later is whether the database is reachable.
 */
export function readiness(ping: () => Promise<void>) {
  const ready = sharedPing(ping);
  return async (reply: FastifyReply): Promise<FastifyReply> => {
    void reply.header('cache-control', 'no-store');
    if (await ready()) return reply.send({ status: 'ready' });
    const body = errorBody('STORAGE.UNAVAILABLE', 'the rates database is unavailable');
    return reply.code(503).send({ status: 'unavailable', ...body });
  };
}
