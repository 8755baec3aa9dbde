import { api } from './api.js';
import { byId, el, formatInstant } from './format.js';

const WORDS = {
  final: 'stored, final',
  provisional: 'stored, provisional',
  fallback: 'fallback provider',
  'no-publication': 'no publication',
  missing: 'missing',
} as const;

/** The last 12 months day by day, the newest runs and the next tick; with an admin key, quota and run details. */
export async function showHealth(): Promise<void> {
  const s = await api.status.summary.query({});
  const counts = new Map<string, number>();
  const strip = byId('health-strip');
  // A calendar: columns are weeks (Monday first), so the first cell is offset to its weekday.
  const offset = (new Date(`${s.from}T00:00:00Z`).getUTCDay() + 6) % 7;
  strip.style.setProperty('--offset', String(offset + 1));
  strip.replaceChildren(
    ...s.days.map((d) => {
      counts.set(d.status, (counts.get(d.status) ?? 0) + 1);
      const label = `${d.date}: ${WORDS[d.status]}${d.provider ? ` (${d.provider})` : ''}`;
      const cell = el('span', { className: `day ${d.status}`, title: label, role: 'listitem' });
      cell.setAttribute('aria-label', label);
      cell.dataset.date = d.date;
      cell.dataset.status = d.status;
      return cell;
    }),
  );
  // The newest days first in view when the strip is wider than the screen.
  strip.scrollLeft = strip.scrollWidth;
  byId('health-legend').replaceChildren(
    ...Object.entries(WORDS).map(([status, words]) =>
      el('li', {}, el('span', { className: `day ${status}` }), `${words}: ${counts.get(status) ?? 0}`),
    ),
  );
  const missing = s.days.filter((d) => d.status === 'missing').map((d) => d.date);
  byId('health-about').textContent =
    `${s.from} to ${s.to}. ` +
    (missing.length ? `Missing: ${missing.length} day(s), newest ${missing.at(-1)}. ` : 'No day missing. ') +
    (s.next_tick ? `Next scheduled ingestion: ${formatInstant(s.next_tick)}.` : 'Scheduled ingestion is off.');
  byId('runs-table')
    .querySelector('tbody')!
    .replaceChildren(
      ...(s.runs.length
        ? s.runs.map((r) =>
            el(
              'tr',
              {},
              el('td', { textContent: formatInstant(r.started_at) }),
              el('td', { textContent: r.trigger }),
              el('td', { className: `outcome ${r.outcome}`, textContent: r.outcome }),
              el('td', { className: 'num', textContent: String(r.stored) }),
              el('td', { className: 'num', textContent: String(r.failed) }),
            ),
          )
        : [el('tr', {}, el('td', { colSpan: 5, textContent: 'No run recorded yet.' }))]),
    );
}

/** Admin facts need an admin key; any refusal simply leaves the section hidden. */
export async function showAdmin(hasKey: boolean): Promise<void> {
  const section = byId('admin');
  section.hidden = true;
  if (!hasKey) return;
  const [quota, runs] = await Promise.all([api.ingest.quota.query({}), api.ingest.runs.query({ limit: 5 })]).catch(
    () => [null, null] as const,
  );
  if (!quota || !runs) return;
  const body = byId('admin-body');
  body.replaceChildren(
    el('p', {
      textContent: quota.providers.length
        ? quota.providers
            .map((q) => `${q.provider}: ${q.used} of ${q.limit ?? 'unlimited'} requests used in ${q.month}`)
            .join('; ')
        : 'No metered provider.',
    }),
    el(
      'ul',
      { className: 'runs' },
      ...runs.runs.map((r) =>
        el(
          'li',
          {},
          `${formatInstant(r.startedAt)} ${r.trigger}: ${r.request}`,
          r.error ? ` — error: ${r.error}` : '',
          r.report?.failed.length
            ? ` — failed: ${r.report.failed.map((f) => `${f.date} (${f.reason})`).join(', ')}`
            : '',
        ),
      ),
    ),
  );
  section.hidden = false;
}
