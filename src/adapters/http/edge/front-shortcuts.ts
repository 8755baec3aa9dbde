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
 * by the string Node parsed, instead of the key's (its memo, then a map of keys per audience) and the
 * LRU's own lookup and reordering behind it. With thousands of distinct answers (random days over the
 * whole ECB history) those lookups were a good part of what a hit cost the service more than the bare
 * server it is measured against; that row went from 0.76x to 0.90x of it (README, Performance).
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
