import { XMLParser } from 'fast-xml-parser';
import * as assert from 'uvu/assert';
import { isoDate } from '../../src/domain/iso-date.js';
import { syntheticRates } from '../../src/sandbox/fixer/synthetic-rates.js';
import { easterSunday, ECB_CURRENCIES, newestPublishedDay, type EcbSandbox } from '../../src/sandbox/ecb/index.js';
import { daysInXml, ECB_NOW, startTestEcbSandbox } from '../support/ecb-sandbox.js';
import { httpGet } from '../support/fixer-sandbox.js';
import { suite } from '../support/suite.js';

const t = suite<{ sandbox: EcbSandbox }>('ECB sandbox: files', {} as { sandbox: EcbSandbox });

t.before(async (ctx) => {
  ctx.sandbox = await startTestEcbSandbox();
});
t.before.each((ctx) => ctx.sandbox.reset());
t.after(async (ctx) => {
  await ctx.sandbox.close();
});

const get = (ctx: { sandbox: EcbSandbox }, file: string) => httpGet(`${ctx.sandbox.url}/${file}`);
const isWeekend = (d: string) => [0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay());

t(
  'daily file: the ECB envelope, the newest day, 30 currencies with 5 significant digits, single quotes',
  async (ctx) => {
    const a = await get(ctx, 'eurofxref-daily.xml');
    assert.is(a.status, 200);
    assert.match(a.headers.get('content-type') ?? '', 'xml');
    assert.ok(a.text.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<gesmes:Envelope '));
    assert.match(a.text, '<gesmes:subject>Reference rates</gesmes:subject>');
    assert.match(a.text, '<gesmes:name>European Central Bank</gesmes:name>');
    assert.match(a.text, "<Cube time='2024-06-14'>");
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', removeNSPrefix: true }).parse(a.text);
    const rates = doc.Envelope.Cube.Cube.Cube as { currency: string; rate: string }[];
    assert.equal(
      rates.map((r) => r.currency),
      [...ECB_CURRENCIES],
    );
    assert.is(rates.length, 30);
    for (const { currency, rate } of rates) {
      assert.ok(/^\d+(\.\d+)?$/.test(rate), `${currency}=${rate}`);
      assert.ok(rate.replace('.', '').replace(/^0+/, '').length <= 5, `${currency}=${rate} has more than 5 digits`);
    }
    assert.not.match(a.text, 'currency="');
  },
);

t('90-day file: the last 90 calendar days, newest first, working days only', async (ctx) => {
  const days = daysInXml((await get(ctx, 'eurofxref-hist-90d.xml')).text);
  assert.is(days[0], '2024-06-14');
  assert.is(days[days.length - 1], '2024-03-18', 'the window opens on Sunday 2024-03-17');
  assert.equal(days, [...days].sort().reverse());
  assert.ok(days.every((d) => !isWeekend(d)));
  for (const holiday of ['2024-03-29', '2024-04-01', '2024-05-01'])
    assert.not.ok(days.includes(holiday as never), holiday);
  for (const working of ['2024-03-28', '2024-04-02', '2024-04-30', '2024-05-02'])
    assert.ok(days.includes(working as never));
  // 2024-03-17..2024-06-14 (90 calendar days) holds 65 weekdays, 3 of them holidays.
  assert.is(days.length, 62);
});

t('full history: 1999-01-04 to the newest day, TARGET holidays absent, same values as the other files', async (ctx) => {
  const text = (await get(ctx, 'eurofxref-hist.xml')).text;
  const days = daysInXml(text);
  assert.is(days[0], '2024-06-14');
  assert.is(days[days.length - 1], '1999-01-04');
  assert.ok(days.length > 6_500 && days.length < 6_600, String(days.length));
  assert.ok(days.every((d) => !isWeekend(d)));
  const absent = ['2023-12-25', '2023-12-26', '2024-01-01', '2023-04-07', '2023-04-10', '2023-05-01', '2000-04-21'];
  for (const holiday of absent) assert.not.ok(days.includes(holiday as never), holiday);
  assert.match(text, '<Cube time="2024-01-02">');
  const day = (xml: string, date: string) =>
    new RegExp(`time=["']${date}["']>([^]*?)</Cube>`).exec(xml)?.[1]?.replace(/'/g, '"');
  const ninety = (await get(ctx, 'eurofxref-hist-90d.xml')).text;
  const daily = (await get(ctx, 'eurofxref-daily.xml')).text;
  assert.is(day(text, '2024-06-14'), day(daily, '2024-06-14'));
  assert.is(day(text, '2024-04-15'), day(ninety, '2024-04-15'));
});

t('Easter and the newest published day', () => {
  for (const [year, easter] of [
    [1999, '1999-04-04'],
    [2000, '2000-04-23'],
    [2019, '2019-04-21'],
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2038, '2038-04-25'],
  ] as const)
    assert.is(easterSunday(year), easter);
  assert.is(newestPublishedDay(new Date('2024-06-14T14:59:59Z')), '2024-06-13');
  assert.is(newestPublishedDay(new Date('2024-06-14T15:00:00Z')), '2024-06-14');
  assert.is(newestPublishedDay(new Date('2024-06-17T09:00:00Z')), '2024-06-14', 'Monday morning: Friday');
  assert.is(newestPublishedDay(new Date('2024-04-01T18:00:00Z')), '2024-03-28', 'Easter Monday: Thursday');
});

t('the newest day follows now: before 15:00 UTC the daily file still holds the day before', async (ctx) => {
  ctx.sandbox.set({ now: () => new Date('2024-06-14T10:00:00Z') });
  assert.equal(daysInXml((await get(ctx, 'eurofxref-daily.xml')).text), ['2024-06-13']);
  assert.is(daysInXml((await get(ctx, 'eurofxref-hist-90d.xml')).text)[0], '2024-06-13');
  ctx.sandbox.set({ now: () => ECB_NOW });
  assert.equal(daysInXml((await get(ctx, 'eurofxref-daily.xml')).text), ['2024-06-14']);
});

t('deterministic: another sandbox serves the same text; rates stay close to the Fixer sandbox', async (ctx) => {
  const other = await startTestEcbSandbox();
  try {
    for (const file of ['eurofxref-daily.xml', 'eurofxref-hist-90d.xml']) {
      assert.is((await httpGet(`${other.url}/${file}`)).text, (await get(ctx, file)).text, file);
    }
  } finally {
    await other.close();
  }
  const fixer = syntheticRates(isoDate('2024-06-14'), 'EUR', ECB_CURRENCIES);
  const daily = (await get(ctx, 'eurofxref-daily.xml')).text;
  const quoted = [...daily.matchAll(/currency='([A-Z]{3})' rate='([^']+)'/g)];
  assert.is(quoted.length, ECB_CURRENCIES.length, 'every currency is compared');
  for (const [, code, rate] of quoted) {
    const relative = Math.abs(Number(rate) / fixer[code!]! - 1);
    assert.ok(relative < 1e-4, `${code}: ${rate} vs Fixer sandbox ${fixer[code!]}`);
  }
});

t.run();
