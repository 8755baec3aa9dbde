import { StorageUnavailableError } from '../../domain/errors.js';
import { isStorageUnavailable } from './storage-unavailable.js';

/** A driver failure in the domain's words when it means "the database cannot be reached now". */
export function inDomainWords(e: unknown): unknown {
  return isStorageUnavailable(e) ? new StorageUnavailableError({ cause: e }) : e;
}

/**
 * `adapter` as the application sees it: every method's failure that means an outage arrives as the
 * domain's StorageUnavailableError (promises, and async iterables such as streamed ranges, as they
 * fail), so nothing above the Mongo adapters needs to know the driver's error classes.
 */
export function outagesAsDomainErrors<T extends object>(adapter: T): T {
  return new Proxy(adapter, {
    get(target, key) {
      const value: unknown = Reflect.get(target, key, target);
      if (typeof value !== 'function' || key === 'constructor') return value;
      return (...args: unknown[]) => {
        try {
          return translated((value as (...a: unknown[]) => unknown).apply(target, args));
        } catch (e) {
          throw inDomainWords(e);
        }
      };
    },
  });
}

function translated(result: unknown): unknown {
  if (result instanceof Promise) return result.catch((e: unknown) => Promise.reject(inDomainWords(e)));
  if (isAsyncIterable(result)) return iterateTranslated(result);
  return result;
}

async function* iterateTranslated<V>(source: AsyncIterable<V>): AsyncGenerator<V> {
  try {
    yield* source;
  } catch (e) {
    throw inDomainWords(e);
  }
}

const isAsyncIterable = (v: unknown): v is AsyncIterable<unknown> =>
  typeof v === 'object' && v !== null && Symbol.asyncIterator in v;
