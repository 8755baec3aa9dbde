import { inject, injectable } from 'tsyringe';
import type { CurrencyCode } from '../domain/currency.js';
import type { DayVersion } from '../domain/day-history.js';
import { RatesNotFoundError, type DomainError } from '../domain/errors.js';
import type { IsoDate } from '../domain/iso-date.js';
import { diffRates, type RateChange } from '../domain/rate-diff.js';
import { err, ok, type Result } from '../domain/result.js';
import { revisionTimeline } from '../domain/revision-timeline.js';
import { revisionsValidity, type AnswerValidity } from './answer-validity.js';
import { parseCurrencyParams } from './currency-params.js';
import { HistoryReader } from './history-reader.js';
import { parsePastDate } from './past-date.js';
import { view, type RatesView } from './rates-view.js';
import { TOKENS, type Clock } from './tokens.js';

export interface GetRevisionsQuery {
  readonly date: string;
  readonly base?: string | undefined;
  readonly symbols?: readonly string[] | undefined;
  readonly provider?: string | undefined;
}

/** One stored state of the day, as served against the asked base, with what it replaced and what replaced it. */
export interface RevisionView {
  readonly view: RatesView & { readonly source: DayVersion };
  readonly replacedAt: Date | null;
  readonly replacedBy: DayVersion | null;
  /** Per currency (in the asked base and symbols), what changed from the state it replaced. */
  readonly changes: readonly RateChange[];
}

export interface RevisionsView {
  readonly date: IsoDate;
  readonly base: CurrencyCode;
  /** Oldest first. */
  readonly revisions: readonly RevisionView[];
  readonly validity: AnswerValidity;
}

/** Every state every provider stored a day in, oldest first: the day's audit trail. */
@injectable()
export class GetRevisions {
  private readonly prefer: readonly string[];

  constructor(
    @inject(HistoryReader) private readonly history: HistoryReader,
    @inject(TOKENS.Clock) private readonly now: Clock,
    @inject(TOKENS.Config)
    private readonly config: { readonly DEFAULT_BASE: string; readonly PROVIDERS: readonly string[] },
  ) {
    this.prefer = config.PROVIDERS;
  }

  async execute(q: GetRevisionsQuery): Promise<Result<RevisionsView, DomainError>> {
    const date = parsePastDate(q.date, this.now());
    if (!date.ok) return date;
    const params = parseCurrencyParams(q.base, q.symbols, this.config.DEFAULT_BASE);
    if (!params.ok) return params;
    const { base, symbols } = params.value;
    const histories = await this.history.history(date.value, q.provider);
    if (histories.length === 0) return err(new RatesNotFoundError(date.value));
    const revisions: RevisionView[] = [];
    for (const entry of revisionTimeline(histories, { prefer: this.prefer })) {
      const now = view(entry.version, base, symbols);
      if (!now.ok) return now;
      const before = entry.replaces ? view(entry.replaces, base, symbols) : null;
      if (before && !before.ok) return before;
      revisions.push({
        view: { ...now.value, source: entry.version },
        replacedAt: entry.replacedAt,
        replacedBy: entry.replacedBy,
        changes: before ? diffRates(before.value.rates, now.value.rates) : [],
      });
    }
    return ok({ date: date.value, base, revisions, validity: revisionsValidity(date.value) });
  }
}
