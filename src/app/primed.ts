/**
 * Reads the first item now and replays it: the caller learns of a failing source (a database that is
 * down) before it commits to an answer, and the rest is still read lazily.
 */
export async function primed<T>(source: AsyncIterable<T>): Promise<AsyncIterable<T>> {
  const it = source[Symbol.asyncIterator]();
  const first = await it.next();
  async function* replay(): AsyncGenerator<T> {
    if (first.done) return;
    yield first.value;
    try {
      for (let next = await it.next(); !next.done; next = await it.next()) yield next.value;
    } finally {
      // A consumer that stops early (a client gone) releases the source (its cursor).
      await it.return?.();
    }
  }
  return replay();
}
