import type { FastifyReply } from 'fastify';

/**
 * `Vary` with `added` names joined to the `current` ones: each name once (case does not matter), in the
 * order first named. CORS, compression, tRPC and the edge cache each add their own.
 */
export function joinVary(current: unknown, added: string): string {
  const names = new Map<string, string>();
  for (const n of `${current === undefined ? '' : String(current)},${added}`.split(',')) {
    const name = n.trim();
    if (name && !names.has(name.toLowerCase())) names.set(name.toLowerCase(), name);
  }
  return [...names.values()].join(', ');
}

/** Adds names to the reply's `Vary` instead of replacing it. */
export function addVary(reply: FastifyReply, names: string): void {
  void reply.header('vary', joinVary(reply.getHeader('vary'), names));
}
