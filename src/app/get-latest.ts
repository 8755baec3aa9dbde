import { inject, injectable } from 'tsyringe';
import { NothingStoredError, NotStoredAtError, type DomainError } from '../domain/errors.js';
import { utcDateOf } from '../domain/iso-date.js';
import { err, ok, type Result } from '../domain/result.js';
import { asOfValidity, latestValidity, type AnswerValidity } from './answer-validity.js';
import { parseAsOf } from './as-of.js';
import { parseCurrencyParams } from './currency-params.js';
import { HistoryReader } from './history-reader.js';
import { RateReader } from './rate-reader.js';
import { view, type RatesView } from './rates-view.js';
import { TOKENS, type Clock } from './tokens.js';

export interface GetLatestQuery {
  readonly base?: string | undefined;
  readonly symbols?: readonly string[] | undefined;
  readonly provider?: string | undefined;
  /** The newest day stored at this instant (RFC 3339, or a date: the end of that UTC day). */
  readonly asOf?: string | undefined;
}

export interface LatestView extends RatesView {
  readonly validity: AnswerValidity;
  /** The instant answered for, when `asOf` was asked. */
  readonly asOf?: Date;
}

/** The newest stored day; its `date` says which day that is. */
@injectable()
export class GetLatest {
  constructor(
    @inject(RateReader) private readonly reader: RateReader,
    @inject(TOKENS.Clock) private readonly now: Clock,
    @inject(TOKENS.Config)
    private readonly config: { readonly DEFAULT_BASE: string; readonly PROVIDERS: readonly string[] },
    @inject(HistoryReader) private readonly history: HistoryReader,
  ) {}

  async execute(q: GetLatestQuery): Promise<Result<LatestView, DomainError>> {
    const params = parseCurrencyParams(q.base, q.symbols, this.config.DEFAULT_BASE);
    if (!params.ok) return params;
    const now = this.now();
    const today = utcDateOf(now);
    if (q.asOf !== undefined) {
      const asOf = parseAsOf(q.asOf, now);
      if (!asOf.ok) return asOf;
      const day = await this.history.latest(today, asOf.value, q.provider);
      if (!day) return err(new NotStoredAtError('any day', asOf.value));
      const v = view(day, params.value.base, params.value.symbols);
      if (!v.ok) return v;
      return ok({ ...v.value, asOf: asOf.value, validity: asOfValidity(asOf.value, now, [day.date], true) });
    }
    const day = await this.reader.latest(today, q.provider);
    if (!day) return err(new NothingStoredError(q.provider));
    const v = view(day, params.value.base, params.value.symbols);
    if (!v.ok) return v;
    return ok({ ...v.value, validity: latestValidity(day, now, { prefer: this.config.PROVIDERS, only: q.provider }) });
  }
}
