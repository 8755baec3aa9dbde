/** How long (seconds) shared caches may keep an answer. */
export const IMMUTABLE_MAX_AGE = 86_400;
/** For answers that may change with the next ingestion (provisional days, fallbacks, lists). */
export const SHORT_MAX_AGE = 60;

/**
 * Cacheability of one response, set by the procedures that produce it. A batched tRPC call runs
 * several procedures: the answer is as cacheable as its least cacheable part.
 */
export class CacheHints {
  private maxAge: number | null = null;

  /** `seconds` = how long the answer stays true. */
  keepFor(seconds: number): void {
    const s = Math.max(0, Math.floor(seconds));
    this.maxAge = this.maxAge === null ? s : Math.min(this.maxAge, s);
  }

  /** The answer stays true until the next UTC midnight (when a new day may appear). */
  keepUntilMidnight(now: Date): void {
    const midnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1);
    this.keepFor((midnight - now.getTime()) / 1000);
  }

  /** The Cache-Control value; answers no procedure vouched for are not stored. */
  header(): string {
    return this.maxAge === null || this.maxAge === 0 ? 'no-cache' : `public, max-age=${this.maxAge}`;
  }

  /**
   * Folds in one batched call's own hints. A call that vouched for nothing (an admin procedure, say)
   * makes the whole answer uncacheable: otherwise a batch of a settled day and the run log would be
   * stored as public for a day, and replayed at the edge to callers who may not see the run log.
   */
  include(part: CacheHints): void {
    this.keepFor(part.maxAge ?? 0);
  }
}
