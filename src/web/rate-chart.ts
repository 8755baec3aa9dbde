import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { api } from './api.js';
import { groupingFor, periodSeries } from './chart-series.js';
import { byId, formatRate, shiftDay } from './format.js';

export const PERIODS = { '1M': 31, '3M': 92, '1Y': 366, '5Y': 5 * 366, All: Infinity } as const;
export type Period = keyof typeof PERIODS;

/** One request covers at most this many days with ≤ 10 symbols (the API's narrow-range limit). */
const WINDOW_DAYS = 5 * 366;
const COLOURS = ['#1f6feb', '#d1242f', '#1a7f37', '#9a6700', '#8250df', '#bf3989', '#0a7480', '#57606a'];

let plot: uPlot | undefined;

/**
 * `symbols` against `base` from `period` before `to` (the newest day) to `to`: day by day up to a
 * year, weekly averages up to five years, monthly beyond (see chart-series.ts).
 */
export async function drawChart(
  base: string,
  symbols: string[],
  period: Period,
  to: string,
  firstDay: string,
): Promise<void> {
  const span = PERIODS[period];
  const from = span === Infinity || shiftDay(to, 1 - span) < firstDay ? firstDay : shiftDay(to, 1 - span);
  const grouping = groupingFor(from, to);
  const { xs, ys, about } =
    grouping === 'day'
      ? await dailySeries(base, symbols, from, to)
      : await groupedSeries(base, symbols, from, to, grouping);
  byId('chart-about').textContent = `${symbols.join(', ')} per 1 ${base}, ${from} to ${to}: ${about}.`;
  const host = byId('chart-plot');
  host.dataset.points = String(ys.reduce((n, y) => n + y.filter((v) => v !== null).length, 0));
  plot?.destroy();
  const width = Math.max(280, host.clientWidth);
  plot = new uPlot(
    {
      width,
      height: Math.round(Math.min(360, Math.max(220, width * 0.45))),
      scales: { x: { time: true } },
      tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
      series: [
        { label: 'Date', value: '{YYYY}-{MM}-{DD}' },
        ...symbols.map((s, i) => ({
          label: s,
          stroke: COLOURS[i % COLOURS.length]!,
          width: 1.5,
          spanGaps: false,
          // Dots only while they stay apart: about 8 px per point.
          points: { show: (u: uPlot) => u.data[0].length * 8 < u.width },
          value: (_u: uPlot, v: number | null) => (v === null ? '–' : formatRate(v)),
        })),
      ],
      axes: [
        {},
        { size: 70, values: (_u, vals) => vals.map((v) => v.toLocaleString('en', { maximumSignificantDigits: 6 })) },
      ],
      legend: { live: true },
    },
    [xs, ...ys],
    host,
  );
}

type Series = { xs: number[]; ys: (number | null)[][]; about: string };

/**
 * One x slot per calendar day, except unstored Saturdays and Sundays (the ECB publishes nothing then;
 * that is not a hole): every other unstored day is a null point, which uPlot draws as a gap.
 */
async function dailySeries(base: string, symbols: string[], from: string, to: string): Promise<Series> {
  const days = new Map<string, Record<string, number>>();
  for (let start = from; start <= to; start = shiftDay(start, WINDOW_DAYS)) {
    const end = shiftDay(start, WINDOW_DAYS - 1) < to ? shiftDay(start, WINDOW_DAYS - 1) : to;
    const r = await api.rates.range.query({ from: start, to: end, base, symbols: symbols.join(',') });
    for (const d of r.rates) days.set(d.date, d.currency_rates);
  }
  const xs: number[] = [];
  const ys: (number | null)[][] = symbols.map(() => []);
  for (let d = from; d <= to; d = shiftDay(d, 1)) {
    const rates = days.get(d);
    const weekday = new Date(`${d}T00:00:00Z`).getUTCDay();
    if (!rates && (weekday === 0 || weekday === 6)) continue;
    xs.push(Date.parse(`${d}T00:00:00Z`) / 1000);
    symbols.forEach((s, i) => ys[i]!.push(rates?.[s] ?? null));
  }
  return { xs, ys, about: `${days.size} stored days` };
}

/** Long spans in one grouped request: a point per ISO week or calendar month, its average. */
async function groupedSeries(
  base: string,
  symbols: string[],
  from: string,
  to: string,
  group: 'week' | 'month',
): Promise<Series> {
  const r = await api.rates.range.query({ from, to, base, symbols: symbols.join(','), group });
  const periods = r.periods ?? [];
  return { ...periodSeries(periods, symbols), about: `${periods.length} ${group}ly averages` };
}

export function resizeChart(): void {
  const host = byId('chart-plot');
  if (plot) plot.setSize({ width: Math.max(280, host.clientWidth), height: plot.height });
}
