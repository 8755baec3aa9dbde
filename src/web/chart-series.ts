/** How the chart reads a span: day by day up to a year, then weekly and monthly averages (`group=`). */
export type Grouping = 'day' | 'week' | 'month';

const DAY_MS = 86_400_000;

export function groupingFor(from: string, to: string): Grouping {
  const days = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS + 1;
  return days > 5 * 366 ? 'month' : days > 366 ? 'week' : 'day';
}

export interface PeriodPoint {
  readonly period_start: string;
  readonly period_end: string;
  readonly average: Readonly<Record<string, number>>;
}

/**
 * One x slot per period (at its first day, in seconds as uPlot wants), the period's average per
 * symbol; a null slot where a whole period is missing between two stored ones, so that the line
 * breaks there instead of being drawn through it.
 */
export function periodSeries(
  periods: readonly PeriodPoint[],
  symbols: readonly string[],
): { xs: number[]; ys: (number | null)[][] } {
  const xs: number[] = [];
  const ys: (number | null)[][] = symbols.map(() => []);
  let previousEnd: number | undefined;
  for (const p of periods) {
    const start = Date.parse(`${p.period_start}T00:00:00Z`);
    if (previousEnd !== undefined && start > previousEnd + DAY_MS) {
      xs.push((previousEnd + DAY_MS) / 1000);
      ys.forEach((y) => y.push(null));
    }
    xs.push(start / 1000);
    symbols.forEach((s, i) => ys[i]!.push(p.average[s] ?? null));
    previousEnd = Date.parse(`${p.period_end}T00:00:00Z`);
  }
  return { xs, ys };
}
