import type { Kept } from './response-cache.js';

/** Request targets remembered at most; past the bound, the front starts over (as the key memo does). */
const MAX_TARGETS = 20_000;

interface Shortcut {
  /** The audience the handle was found for: another caller's kind looks its key up again. */
  readonly who: string;
  readonly kept: Kept;
}

/**
 * The kept entry last found for each raw request target, per audience: a repeated hit is one lookup
 * by the string Node parsed, where the key (memo lookups, a key string) and the LRU lookup behind it
 * cost a hit more than its write. Measured on the whole ECB history, random days (thousands of
 * distinct answers, each of those lookups touching memory no other hit shares): about 2 µs less CPU
 * per hit (README, Performance).
 *
 * Only for requests whose key is the target and the audience alone (no header the answer varies on):
 * the caller says so. A handle whose entry left the cache finds nothing, and the front looks again.
 */
export class FrontShortcuts {
  private readonly byTarget = new Map<string, Shortcut>();

  /** The handle remembered for `target` and `who`, if any (its entry may have left the cache since). */
  get(target: string, who: string): Kept | undefined {
    const s = this.byTarget.get(target);
    return s !== undefined && s.who === who ? s.kept : undefined;
  }

  remember(target: string, who: string, kept: Kept): void {
    if (this.byTarget.size >= MAX_TARGETS) this.byTarget.clear();
    this.byTarget.set(target, { who, kept });
  }
}
