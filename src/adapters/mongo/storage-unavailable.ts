/** Driver errors whose name says the server cannot be reached (selection, network, closed pool or client). */
const UNREACHABLE_NAME = /^Mongo(ServerSelection|Network|NotConnected|TopologyClosed|PoolCleared)/;

/**
 * Socket errors the driver lets through unwrapped: when the server goes away while a command is
 * being written, the driver awaits the socket's `drain` and rethrows Node's own error (EPIPE,
 * "This socket has been ended by the other party") instead of a MongoNetworkError.
 */
const SOCKET_CODES = new Set(['EPIPE', 'ECONNRESET', 'ECONNREFUSED', 'ECONNABORTED', 'ENOTCONN', 'ETIMEDOUT']);

/** The server's code for a query it stopped at its `maxTimeMS`: it could not answer in time. */
const MAX_TIME_EXPIRED = 50;

/**
 * True for failures that mean "the database cannot answer now" (a 503), not a bug of ours: it cannot be
 * reached, or it stopped a query at its time limit.
 */
export function isStorageUnavailable(e: unknown): boolean {
  if (!(e instanceof Error)) return false;
  if (UNREACHABLE_NAME.test(e.name)) return true;
  if (e.name === 'MongoServerError' && (e as { code?: unknown }).code === MAX_TIME_EXPIRED) return true;
  const code = (e as NodeJS.ErrnoException).code;
  return typeof code === 'string' && SOCKET_CODES.has(code);
}
