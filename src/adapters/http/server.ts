import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type RequestListener,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { TRPCError } from '@trpc/server';
import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import { createOpenApiHttpHandler } from 'trpc-to-openapi';
import type { Logger } from '../../domain/logger.js';
import type { AppRouter } from './app-router.js';
import { createApiContext, type UseCases } from './context.js';
import { docsHandler } from './docs-page.js';
import { responseMeta } from './response-meta.js';

export interface HttpOptions {
  readonly router: AppRouter;
  readonly useCases: UseCases;
  readonly now: () => Date;
  readonly openApiDocument: object;
  readonly logger: Logger;
}

/**
 * One listener for everything: tRPC under /trpc, the OpenAPI document, and REST routes generated
 * from the same procedures. Unknown paths get the REST adapter's JSON 404.
 */
export function createRequestListener(opts: HttpOptions): RequestListener {
  const onError = ({ error, path }: { error: TRPCError; path?: string | undefined }) => {
    // Expected errors are the client's business; only failures of ours are logged, with their cause.
    if (error.code === 'INTERNAL_SERVER_ERROR' || error.code === 'SERVICE_UNAVAILABLE') {
      opts.logger.error({ path, code: error.code, cause: describe(error.cause) }, 'request failed');
    }
  };
  // Depending on the adapter, `req` is Node's IncomingMessage or a Fetch API Request.
  const createContext = ({ req }: { req: { headers: IncomingHttpHeaders | Headers } }) =>
    createApiContext(opts.useCases, opts.now, { 'if-none-match': headerOf(req.headers, 'if-none-match') });
  const trpc = createHTTPHandler({ router: opts.router, createContext, onError, responseMeta, basePath: '/trpc/' });
  const rest = createOpenApiHttpHandler({ router: opts.router, createContext, onError, responseMeta });
  const openApiJson = JSON.stringify(opts.openApiDocument);
  const docs = docsHandler();

  return (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?', 1)[0]!;
    if (path.startsWith('/trpc/')) return trpc(req, res);
    if (path === '/openapi.json' && (req.method === 'GET' || req.method === 'HEAD')) {
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-cache' });
      return res.end(req.method === 'HEAD' ? undefined : openApiJson);
    }
    if (path.startsWith('/docs') && docs(req, res, path)) return;
    void rest(req, res);
  };
}

export function startHttpServer(listener: RequestListener, port: number, host: string): Promise<Server> {
  const server = createServer(listener);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server);
    });
  });
}

function headerOf(headers: IncomingHttpHeaders | Headers, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const v = headers[name];
  return Array.isArray(v) ? v.join(', ') : v;
}

/** Name and message of an error, never its stack: logs must not fill with frames or leak paths. */
function describe(e: unknown): { name: string; message: string } | undefined {
  return e instanceof Error ? { name: e.name, message: e.message } : undefined;
}
