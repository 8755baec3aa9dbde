import * as assert from 'uvu/assert';
import { isoDate } from '../../../src/domain/iso-date.js';
import { startTestApp, type TestApp } from '../../support/app.js';
import { ingestRig, type IngestRig } from '../../support/ingest-rig.js';
import { suite } from '../../support/suite.js';

/**
 * The whole ECB history (1999-01-04 to 2024-06-14, from the ECB sandbox's eurofxref-hist.xml) in a
 * real MongoDB-wire server, exported over real HTTP. The service runs in this process, so its heap is
 * this process's: sampled on every chunk received, it must stay within a bound while 25 years stream.
 */
const t = suite<{ rig?: IngestRig; app?: TestApp; stored?: number }>('GET /rates streams the whole ECB history', {});

/** Heap growth allowed while streaming, whatever the range: far below what holding every day would take. */
const HEAP_BOUND_BYTES = 40 * 1024 * 1024;

t.before(async (ctx) => {
  ctx.rig = await ingestRig({ providers: ['ecb'] });
  const r = await ctx.rig.ingest.execute(
    {
      target: { kind: 'range', from: isoDate('1999-01-04'), to: isoDate('2024-06-14') },
      refresh: false,
      confirmLarge: true,
    },
    { trigger: 'cli' },
  );
  if (!r.ok) throw new Error('the history did not ingest');
  ctx.stored = r.value.report.inserted.length;
  const { repo, catalog, clock } = ctx.rig;
  ctx.app = await startTestApp({ repo, catalog, now: clock, env: { PROVIDERS: 'ecb' } });
});
t.after(async (ctx) => {
  await ctx.app?.close();
  await ctx.rig?.dispose();
});

/** Reads a streamed answer chunk by chunk, keeping only counts and the heap's peak. */
async function drain(
  url: string,
): Promise<{ status: number; lines: number; bytes: number; first: string; last: string; peak: number }> {
  const res = await fetch(url);
  const decoder = new TextDecoder();
  let lines = 0;
  let bytes = 0;
  let first = '';
  let tail = '';
  let peak = 0;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    bytes += chunk.byteLength;
    const text = decoder.decode(chunk, { stream: true });
    if (!first) first = text.slice(0, text.indexOf('\n'));
    tail = (tail + text).slice(-4096);
    lines += text.split('\n').length - 1;
    peak = Math.max(peak, process.memoryUsage().heapUsed);
  }
  const last = tail.trimEnd().split('\n').at(-1)!;
  return { status: res.status, lines, bytes, first, last, peak };
}

t('the whole history ingests from one file and streams as CSV and NDJSON in flat memory', async (ctx) => {
  // Every TARGET working day since 1999-01-04: about 6,500 days.
  assert.ok(ctx.stored! > 6_000, `stored ${ctx.stored}`);
  const before = process.memoryUsage().heapUsed;
  const csv = await drain(`${ctx.app!.url}/rates?from=1999-01-04&format=csv`);
  assert.is(csv.status, 200);
  assert.is(csv.lines, 1 + ctx.stored!);
  assert.match(csv.first, /^date,AUD,/);
  assert.match(csv.last, /^2024-06-14,/);
  const ndjson = await drain(`${ctx.app!.url}/rates?from=1999-01-04&format=ndjson`);
  assert.is(ndjson.lines, ctx.stored!);
  assert.is(JSON.parse(ndjson.last).date, '2024-06-14');
  const growth = Math.max(csv.peak, ndjson.peak) - before;
  console.log(
    `  streamed ${ctx.stored} days: CSV ${(csv.bytes / 1e6).toFixed(1)} MB, NDJSON ${(ndjson.bytes / 1e6).toFixed(1)} MB; ` +
      `peak heap growth ${(growth / 1e6).toFixed(1)} MB`,
  );
  assert.ok(growth < HEAP_BOUND_BYTES, `heap grew by ${growth} bytes`);
});

t('25 years by month: about 300 periods, in JSON too', async (ctx) => {
  const res = await fetch(`${ctx.app!.url}/rates?from=1999-01-01&to=2024-05-31&group=month&symbols=USD,JPY`);
  assert.is(res.status, 200);
  const body = (await res.json()) as {
    periods: { period_start: string; days_observed: number; average: { USD: number } }[];
  };
  assert.is(body.periods.length, 305);
  assert.is(body.periods[0]!.period_start, '1999-01-01');
  assert.ok(body.periods.every((p) => p.days_observed >= 15 && p.days_observed <= 23 && p.average.USD > 0));
});

t.run();
