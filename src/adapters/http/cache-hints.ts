import type { AnswerValidity } from '../../app/answer-validity.js';
import type { IsoDate } from '../../domain/iso-date.js';

export { IMMUTABLE_MAX_AGE, SHORT_MAX_AGE } from '../../app/answer-validity.js';

/** What every part of an answer depends on, folded: the edge keeps it until any of it changes. */
export interface Dependencies {
  readonly immutable: boolean;
  readonly validUntil: Date | null;
  readonly dates: ReadonlySet<IsoDate>;
  readonly newest: boolean;
  readonly catalog: boolean;
}

/**
 * Cacheability of one response, set by the procedures that produce it. A batched tRPC call runs
 * several procedures: the answer is as cacheable as its least cacheable part.
 */
export class CacheHints {
  private maxAge: number | null = null;
  private deps: {
    immutable: boolean;
    validUntil: Date | null;
    dates: Set<IsoDate>;
    newest: boolean;
    catalog: boolean;
  } = { immutable: true, validUntil: null, dates: new Set(), newest: false, catalog: false };
  /** A batched part vouched for nothing: the answer depends on what no validity describes. */
  private opaque = false;

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

  /** Folds in a use case's validity: its max-age for clients, and what it depends on. */
  record(v: AnswerValidity): void {
    this.limit(v.maxAgeSeconds);
    // Live state (a breaker) is in no dependency: the edge must not keep the answer.
    if (v.live) this.opaque = true;
    const d = this.deps;
    d.immutable &&= v.immutable;
    if (v.validUntil && (!d.validUntil || v.validUntil < d.validUntil)) d.validUntil = v.validUntil;
    for (const date of v.dates) d.dates.add(date);
    d.newest ||= v.newest;
    d.catalog ||= v.catalog;
  }

  /** What the answer depends on, or null when a part vouched for nothing. */
  dependencies(): Dependencies | null {
    return this.opaque || this.maxAge === null ? null : this.deps;
  }

  private limit(seconds: number): void {
    const s = Math.max(0, Math.floor(seconds));
    this.maxAge = this.maxAge === null ? s : Math.min(this.maxAge, s);
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
    this.limit(part.maxAge ?? 0);
    for (const r of part.revisions) this.revisions.add(r);
    if (part.newestFetch !== null) this.newestFetch = Math.max(this.newestFetch ?? 0, part.newestFetch);
    this.answeredAsOf ??= part.answeredAsOf;
    const deps = part.dependencies();
    if (!deps) {
      this.opaque = true;
      return;
    }
    this.record({
      ...deps,
      dates: [...deps.dates],
      maxAgeSeconds: part.maxAge ?? 0,
      validUntil: deps.validUntil ?? undefined,
    });
  }
}
