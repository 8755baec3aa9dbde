import { InMemoryRateRepository } from '../../src/adapters/memory/in-memory-rate-repository.js';

/**
 * An in-memory repository that counts the reads reaching it (its `find*` calls): with the day cache
 * off, an answer the edge cache replays makes none. `inner` takes the days to seed.
 */
export function countingRepo(): { repo: InMemoryRateRepository; inner: InMemoryRateRepository; reads: () => number } {
  const inner = new InMemoryRateRepository();
  let reads = 0;
  const repo = new Proxy(inner, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        if (String(prop).startsWith('find')) reads++;
        return value.apply(target, args);
      };
    },
  });
  return { repo, inner, reads: () => reads };
}
