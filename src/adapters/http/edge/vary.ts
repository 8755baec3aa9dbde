import type { FastifyReply } from 'fastify';

/** Adds names to `Vary` instead of replacing it: CORS, compression and tRPC each add their own. */
export function addVary(reply: FastifyReply, names: string): void {
  const current = reply.getHeader('vary');
  const all = new Map<string, string>();
  for (const n of `${current === undefined ? '' : String(current)},${names}`.split(','))
    if (n.trim()) all.set(n.trim().toLowerCase(), n.trim());
  void reply.header('vary', [...all.values()].join(', '));
}
