import { api } from './api.js';
import { byId, el, formatChange, formatRate, shiftDay } from './format.js';

export interface Currency {
  readonly code: string;
  readonly name: string | null;
}

/**
 * The newest stored day against `base`, with the change since the previous stored day (the newest
 * within the 7 days before it). Returns the newest day's date.
 */
export async function showRates(base: string, names: ReadonlyMap<string, string | null>): Promise<string> {
  const latest = await api.rates.latest.query({ base });
  const previous = await api.rates.byDate
    .query({ date: shiftDay(latest.date, -1), base, fallback: 'previous' })
    .catch(() => null);
  const about = byId('rates-about');
  about.textContent = `${latest.date}, from ${latest.provider}, ${latest.provisional ? 'provisional (may still change)' : 'final'}. `;
  about.append(
    previous ? `Change since ${previous.date}.` : 'No stored day in the week before it: no change shown.',
    latest.derived ? ` Rates against ${base} are derived from ${latest.provider}'s quotes.` : '',
  );
  const rows = Object.entries(latest.currency_rates)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([code, rate]) => {
      const change = formatChange(rate, previous?.currency_rates[code]);
      const row = el(
        'tr',
        {},
        el('th', { scope: 'row', textContent: code }),
        el('td', { textContent: names.get(code) ?? '' }),
        el('td', { className: 'num', textContent: formatRate(rate) }),
        el('td', { className: `num change ${['down', 'flat', 'up'][change.sign + 1]}`, textContent: change.text }),
      );
      row.dataset.code = code;
      row.dataset.rate = String(rate);
      row.dataset.search = `${code} ${names.get(code) ?? ''}`.toLowerCase();
      return row;
    });
  byId('rates-table')
    .querySelector('tbody')!
    .replaceChildren(...rows);
  applyFilter();
  return latest.date;
}

export function applyFilter(): void {
  const words = byId<HTMLInputElement>('filter').value.trim().toLowerCase();
  for (const row of byId('rates-table').querySelectorAll<HTMLTableRowElement>('tbody tr'))
    row.hidden = words !== '' && !row.dataset.search!.includes(words);
}
