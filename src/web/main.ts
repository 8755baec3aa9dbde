import './style.css';
import { api } from './api.js';
import { problemOf } from './problem.js';
import { convert } from './converter.js';
import { byId, el } from './format.js';
import { showAdmin, showHealth } from './health-strip.js';
import { currentKey, rememberKey } from './key-store.js';
import { drawChart, PERIODS, resizeChart, type Period } from './rate-chart.js';
import { applyFilter, showRates } from './rates-table.js';

const state = { base: 'EUR', period: '3M' as Period, newest: '', firstDay: '' };

/** One banner for every failure; cleared when a later load succeeds. */
function report(e: unknown): void {
  const alert = byId('alert');
  alert.textContent = problemOf(e).message;
  alert.hidden = false;
}

async function guarded(work: () => Promise<unknown>): Promise<void> {
  try {
    await work();
  } catch (e) {
    report(e);
  }
}

const chart = () =>
  guarded(() => {
    const symbols = byId<HTMLInputElement>('chart-symbols')
      .value.split(/[\s,]+/)
      .map((s) => s.trim().toUpperCase())
      .filter((s) => /^[A-Z]{3}$/.test(s) && s !== state.base)
      .slice(0, 8);
    return drawChart(state.base, symbols.length ? symbols : ['USD'], state.period, state.newest, state.firstDay);
  });

/** Everything that depends on the key: reloaded when a key is entered or forgotten. */
async function load(): Promise<void> {
  byId('alert').hidden = true;
  byId('key-state').textContent = currentKey() ? 'A key is in use for this tab.' : '';
  await guarded(async () => {
    const { currencies } = await api.currencies.list.query({});
    if (currencies.length === 0) {
      byId('rates-about').textContent = 'Nothing is stored yet: the first ingestion has not run.';
      return;
    }
    const names = new Map(currencies.map((c) => [c.code, c.name]));
    if (!names.has(state.base)) state.base = names.has('EUR') ? 'EUR' : currencies[0]!.code;
    state.firstDay = currencies.reduce(
      (min, c) => (c.first_date < min ? c.first_date : min),
      currencies[0]!.first_date,
    );
    const options = (selected: string) =>
      currencies.map((c) =>
        el('option', { value: c.code, selected: c.code === selected, textContent: `${c.code} ${c.name ?? ''}` }),
      );
    byId('base').replaceChildren(...options(state.base));
    byId('from').replaceChildren(...options(names.has('USD') ? 'USD' : state.base));
    byId('to').replaceChildren(...options(state.base));
    state.newest = await showRates(state.base, names);
    await chart();
  });
  await guarded(showHealth);
  await guarded(() => showAdmin(currentKey() !== null));
}

function wire(): void {
  const periods = document.querySelector('.periods')!;
  for (const p of Object.keys(PERIODS) as Period[]) {
    const input = el('input', { type: 'radio', name: 'period', value: p, checked: p === state.period });
    input.addEventListener('change', () => {
      state.period = p;
      void chart();
    });
    periods.append(el('label', { className: 'period' }, input, p));
  }
  byId('base').addEventListener('change', (e) => {
    state.base = (e.target as HTMLSelectElement).value;
    void guarded(async () => {
      const { currencies } = await api.currencies.list.query({});
      state.newest = await showRates(state.base, new Map(currencies.map((c) => [c.code, c.name])));
      await chart();
    });
  });
  byId('filter').addEventListener('input', applyFilter);
  byId('chart-symbols').addEventListener('change', () => void chart());
  byId('convert-form').addEventListener('submit', (e) => {
    e.preventDefault();
    void guarded(convert);
  });
  byId('key-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const input = byId<HTMLInputElement>('key-input');
    rememberKey(input.value.trim());
    input.value = '';
    void load();
  });
  byId('key-clear').addEventListener('click', () => {
    rememberKey('');
    void load();
  });
  let resizing: number | undefined;
  window.addEventListener('resize', () => {
    clearTimeout(resizing);
    resizing = window.setTimeout(resizeChart, 150);
  });
}

wire();
void load();
