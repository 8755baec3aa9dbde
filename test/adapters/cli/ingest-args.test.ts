import * as assert from 'uvu/assert';
import { parseIngestArgs, type IngestCommand } from '../../../src/adapters/cli/ingest-args.js';
import { suite } from '../../support/suite.js';

const s = suite('parseIngestArgs');

/** The parsed command; fails the test when parsing failed or asked for help. */
function command(argv: string[], defaultDays = 10): IngestCommand {
  const r = parseIngestArgs(argv, defaultDays);
  if (!r.ok) throw new Error(`expected ${JSON.stringify(argv)} to parse, got: ${r.error}`);
  assert.is.not(r.value, 'help');
  return r.value as IngestCommand;
}

/** The error message; fails the test when parsing succeeded. */
function problem(argv: string[]): string {
  const r = parseIngestArgs(argv, 10);
  assert.is(r.ok, false, `expected ${JSON.stringify(argv)} to be refused`);
  if (r.ok) throw new Error('unreachable');
  assert.type(r.error, 'string');
  assert.ok(r.error.length > 0);
  return r.error;
}

s('no arguments: the default number of recent days, no flags', () => {
  assert.equal(command([], 10), {
    request: { target: { kind: 'recent', days: 10 }, refresh: false, confirmLarge: false },
    dryRun: false,
    json: false,
  });
  assert.equal(command([], 7).request.target, { kind: 'recent', days: 7 });
});

s('--days N', () => {
  assert.equal(command(['--days', '3']).request.target, { kind: 'recent', days: 3 });
  assert.equal(command(['--days=1']).request.target, { kind: 'recent', days: 1 });
});

s('--from A --to B, in either order of the options', () => {
  const expected = { kind: 'range', from: '2024-01-01', to: '2024-01-31' };
  assert.equal(command(['--from', '2024-01-01', '--to', '2024-01-31']).request.target, expected);
  assert.equal(command(['--to', '2024-01-31', '--from', '2024-01-01']).request.target, expected);
});

s('--date is repeatable and keeps every day given', () => {
  assert.equal(command(['--date', '2024-01-05']).request.target, { kind: 'dates', dates: ['2024-01-05'] });
  assert.equal(command(['--date', '2024-01-07', '--date', '2024-01-05', '--date', '2024-02-29']).request.target, {
    kind: 'dates',
    dates: ['2024-01-07', '2024-01-05', '2024-02-29'],
  });
});

s('--refresh --dry-run --json --yes', () => {
  assert.equal(command(['--refresh', '--dry-run', '--json', '--yes', '--days', '2']), {
    request: { target: { kind: 'recent', days: 2 }, refresh: true, confirmLarge: true },
    dryRun: true,
    json: true,
  });
  const one = command(['--dry-run']);
  assert.equal([one.request.refresh, one.request.confirmLarge, one.dryRun, one.json], [false, false, true, false]);
});

s('--help and -h ask for the usage text, whatever else is given', () => {
  assert.equal(parseIngestArgs(['--help'], 10), { ok: true, value: 'help' });
  assert.equal(parseIngestArgs(['-h'], 10), { ok: true, value: 'help' });
  assert.equal(parseIngestArgs(['--days', '3', '--help'], 10), { ok: true, value: 'help' });
});

s('an unknown flag or a stray argument is refused, naming it', () => {
  assert.match(problem(['--bogus']), '--bogus');
  assert.match(problem(['--days', '3', '--verbose']), '--verbose');
  assert.match(problem(['2024-01-01']), '2024-01-01');
});

s('--days must be a whole number of at least 1', () => {
  for (const bad of ['0', 'x', '1.5', 'three']) {
    const message = problem(['--days', bad]);
    assert.match(message, '--days', `"--days ${bad}" names the option: ${message}`);
  }
  assert.match(problem(['--days', '36601']), '--days must be a whole number from 1 to 36600');
  assert.match(problem(['--days', '0x10']), '--days');
  assert.match(problem(['--days', '0']), 'at least 1');
  assert.match(problem(['--days', '1.5']), 'whole number');
});

s('--days without a value is refused', () => {
  assert.match(problem(['--days']), '--days');
});

s('--from alone runs to yesterday (UTC); --to needs --from', () => {
  const r = parseIngestArgs(['--from', '1999-01-04', '--yes'], 10, new Date('2026-12-04T18:00:00Z'));
  assert.ok(r.ok && r.value !== 'help');
  assert.equal((r.value as IngestCommand).request.target, { kind: 'range', from: '1999-01-04', to: '2026-12-03' });
  assert.is((r.value as IngestCommand).request.confirmLarge, true);
  assert.match(problem(['--to', '2024-01-01']), /--to needs --from/);
});

s('only one target at a time', () => {
  for (const argv of [
    ['--days', '3', '--date', '2024-01-01'],
    ['--days', '3', '--from', '2024-01-01', '--to', '2024-01-02'],
    ['--date', '2024-01-01', '--from', '2024-01-01', '--to', '2024-01-02'],
  ]) {
    assert.match(problem(argv), /only one of --days, --from\/--to, --date/, JSON.stringify(argv));
  }
});

s('an impossible calendar date is refused, naming it', () => {
  assert.match(problem(['--date', '2023-02-29']), '2023-02-29');
  assert.match(problem(['--from', '2024-04-31', '--to', '2024-05-01']), '2024-04-31');
  assert.match(problem(['--from', '2024-01-01', '--to', '2024-13-01']), '2024-13-01');
});

s('a malformed date is refused, naming it', () => {
  for (const bad of ['2024-1-5', '05/01/2024', '20240105', 'yesterday', '2024-01-05T00:00:00Z']) {
    assert.match(problem(['--date', bad]), bad, bad);
  }
  // One bad day among good ones spoils the whole request.
  assert.match(problem(['--date', '2024-01-05', '--date', 'nope']), 'nope');
});

s.run();
