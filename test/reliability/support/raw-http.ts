import { Agent, request } from 'node:http';

export interface RawAnswer {
  readonly status: number;
  readonly text: string;
}

const agent = new Agent({ keepAlive: true, maxSockets: 8 });

export interface RawRequest {
  readonly method: string;
  readonly path: string;
  readonly body?: string | undefined;
  readonly headers?: Record<string, string>;
  readonly timeoutMs?: number;
}

/** Requests sent again on a fresh connection because a reused one was closed under them. */
export const resent = { count: 0 };

/**
 * As `once`, on a kept-alive connection. A server may close an idle kept-alive connection just as the
 * client reuses it ("socket hang up" before any answer); such a request is sent once more on a new
 * connection, and counted. A second failure is a real one.
 */
export async function rawRequest(origin: string, o: RawRequest): Promise<RawAnswer> {
  try {
    return await once(origin, o, agent);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ECONNRESET') throw e;
    resent.count++;
    return once(origin, o, false);
  }
}

/**
 * One request sent as given: unlike fetch, node:http does not normalise the path (`..`, `%2e`,
 * repeated slashes reach the server as written). Fails on no answer within `timeoutMs`.
 */
function once(origin: string, o: RawRequest, via: Agent | false): Promise<RawAnswer> {
  const { hostname, port } = new URL(origin);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        agent: via,
        hostname,
        port,
        method: o.method,
        path: o.path,
        headers: o.headers,
        timeout: o.timeoutMs ?? 15_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${o.timeoutMs ?? 15_000} ms`)));
    req.on('error', reject);
    req.end(o.body);
  });
}

/** Makes any text a path node:http accepts: characters outside U+0021..U+00FF are percent-encoded. */
export const sendable = (path: string): string =>
  path.replace(/[^\u0021-\u00ff]/gu, (c) => encodeURIComponent(c)).replace(/^(?!\/)/, '/');

export const closeRawAgent = (): void => agent.destroy();
