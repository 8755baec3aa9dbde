import { api } from './api.js';
import { byId, el, formatRate } from './format.js';

export async function convert(): Promise<void> {
  const amount = Number(byId<HTMLInputElement>('amount').value);
  const from = byId<HTMLSelectElement>('from').value;
  const to = byId<HTMLSelectElement>('to').value;
  const date = byId<HTMLInputElement>('date').value || undefined;
  const out = byId('convert-result');
  const r = await api.rates.convert.query({ amount, from, to, date });
  out.replaceChildren(
    el('strong', { className: 'result', textContent: `${formatRate(amount)} ${from} = ${formatRate(r.result)} ${to}` }),
    el('span', {
      className: 'muted',
      textContent: ` Rate ${formatRate(r.rate)} of ${r.date}, from ${r.provider}${r.provisional ? ', provisional' : ''}.`,
    }),
  );
  out.dataset.result = String(r.result);
}
