import { errorBody } from '../error-body.js';

const JSONRPC: Record<number, [code: number, name: string]> = {
  400: [-32600, 'BAD_REQUEST'],
  503: [-32603, 'SERVICE_UNAVAILABLE'],
};

/**
 * An error the edge answers before any procedure runs: the REST error body, or under /trpc a tRPC
 * error envelope carrying the same stable code (`data.error`) so that typed clients can read it.
 */
export function edgeErrorBody(path: string, status: 400 | 503, code: string, message: string): object {
  if (!path.startsWith('/trpc/')) return errorBody(code, message);
  const [rpc, name] = JSONRPC[status]!;
  return { error: { message, code: rpc, data: { code: name, httpStatus: status, error: code } } };
}
