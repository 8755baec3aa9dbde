/**
 * Reads the first item now and replays it: the caller learns of a failing source (a database that is
 * down) before it commits to an answer, and the rest is still read lazily. Closing the result (a
 * consumer that stops early, a client gone) closes the source, and so its database cursor.
 */
export async function primed<T>(source: AsyncIterable<T>): Promise<AsyncIterableIterator<T>> {
  const it = source[Symbol.asyncIterator]();
  const first = await it.next();
  let replayed = false;
  const iterator: AsyncIterableIterator<T> = {
    next: async () => {
      if (replayed) return it.next();
      replayed = true;
      return first;
    },
    return: async (value?: unknown) => {
      await it.return?.();
      return { done: true, value: value as T };
    },
    [Symbol.asyncIterator]: () => iterator,
  };
  return iterator;
}
