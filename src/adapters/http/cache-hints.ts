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
  /** Provenance of the days behind the answer, for its headers: `provider:revision` pairs. */
  private readonly revisions = new Set<string>();
  private newestFetch: number | null = null;
  private answeredAsOf: Date | null = null;

  /** Records the stored days an answer is made of (their provider, revision and fetch time go into headers). */
  behind(days: readonly { provider: string; revision: number; fetchedAt: Date }[], asOf?: Date): void {
    for (const d of days) {
      this.revisions.add(`${d.provider}:${d.revision}`);
      this.newestFetch = Math.max(this.newestFetch ?? 0, d.fetchedAt.getTime());
    }
    if (asOf) this.answeredAsOf = asOf;
  }

  /**
   * Provenance headers: `Last-Modified` (the newest fetch behind the answer), `X-Rates-Provider` (every
   * provider), `X-Rates-Revision` (every `provider:revision`) and `X-Rates-As-Of` (the instant asked for).
   */
  provenance(): { lastModified: number | null; headers: Record<string, string> } {
    const headers: Record<string, string> = {};
    if (this.newestFetch !== null) headers['last-modified'] = new Date(this.newestFetch).toUTCString();
    const pairs = [...this.revisions].sort();
    if (pairs.length > 0) {
      headers['x-rates-provider'] = [...new Set(pairs.map((p) => p.split(':')[0]!))].join(', ');
      headers['x-rates-revision'] = pairs.join(', ');
    }
    if (this.answeredAsOf) headers['x-rates-as-of'] = this.answeredAsOf.toISOString();
    return { lastModified: this.newestFetch, headers };
  }

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
    for (const r of part.revisions) this.revisions.add(r);
    if (part.newestFetch !== null) this.newestFetch = Math.max(this.newestFetch ?? 0, part.newestFetch);
    this.answeredAsOf ??= part.answeredAsOf;
  }
}
