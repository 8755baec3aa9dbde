import { spawnSync } from 'node:child_process';
import { Writable } from 'node:stream';
import * as assert from 'uvu/assert';
import type { AccessLine } from '../../src/adapters/http/edge/access-log.js';
import { accessLogOf } from '../../src/main/pino-access-log.js';
import { createPinoLogger } from '../../src/main/logger.js';
import { suite } from '../support/suite.js';

const t = suite('the access line written straight to pino');

/** A pino logger at `level` whose stream keeps what it is given, one write per entry. */
function captured(level: string) {
  const writes: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      writes.push(chunk.toString('utf8'));
      done();
    },
  });
  const logger = createPinoLogger({ level, destination: stream });
  const lines = () => writes.join('').split('\n').filter(Boolean);
  return { logger, writes, lines };
}

const turn = () => new Promise((r) => setImmediate(r));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const withoutTime = (line: string) => {
  const { time, ...rest } = JSON.parse(line) as { time: number };
  assert.type(time, 'number');
  return rest;
};

const LINES: readonly AccessLine[] = [
  { method: 'GET', route: 'rates.byDate', status: 200, durationMs: 0.3 },
  { method: 'HEAD', route: 'currencies.list', status: 304, durationMs: 12, keyName: 'ops "east"' },
  { method: 'OTHER', route: 'unknown', status: 404, durationMs: 0, keyName: '(invalid)' },
];

t('the same line as the logger writes for the same fields, bindings included', async () => {
  for (const line of LINES) {
    const fast = captured('info');
    const slow = captured('info');
    const fastChild = (fast.logger as unknown as { child(b: object): typeof fast.logger }).child({ worker: '2' });
    const slowChild = (slow.logger as unknown as { child(b: object): typeof slow.logger }).child({ worker: '2' });
    accessLogOf(fastChild).write('info', line);
    slowChild.info(line, 'request');
    await sleep(50);
    assert.equal(fast.lines().map(withoutTime), slow.lines().map(withoutTime));
    // Key order too: a reader of raw lines sees the same text but for the time.
    assert.is(fast.lines()[0]!.replace(/"time":\d+/, ''), slow.lines()[0]!.replace(/"time":\d+/, ''));
  }
});

t("the logger's level decides: debug lines are dropped at info, written at debug", async () => {
  const info = captured('info');
  const debug = captured('debug');
  for (const c of [info, debug]) accessLogOf(c.logger).write('debug', LINES[0]!);
  await sleep(50);
  assert.is(info.lines().length, 0);
  assert.is(debug.lines().length, 1);
  assert.is(JSON.parse(debug.lines()[0]!).level, 20);
});

t('the lines of a batch reach the stream as one write, in order, once its time is up', async () => {
  const c = captured('info');
  // Long enough that a slow machine's few turns below cannot reach it.
  const log = accessLogOf(c.logger, { flushMs: 200, maxBatchChars: 1 << 20 });
  for (let i = 0; i < 20; i++) {
    log.write('info', { ...LINES[0]!, status: 200 + i });
    // Spread over several turns of the event loop: the batch is by time, not by turn.
    if (i % 5 === 4) await turn();
  }
  assert.is(c.writes.length, 0, 'nothing written before the batch is due');
  await sleep(300);
  assert.is(c.writes.length, 1);
  assert.equal(
    c.lines().map((l) => JSON.parse(l).status),
    Array.from({ length: 20 }, (_, i) => 200 + i),
  );
  log.write('info', LINES[1]!);
  await sleep(300);
  assert.is(c.writes.length, 2, 'the next line starts the next batch');
});

t('a batch that reaches its size is written at once, without waiting for its time', async () => {
  // One line's length, as this logger writes it: a batch below holds three.
  const probe = captured('info');
  const once = accessLogOf(probe.logger);
  once.write('info', LINES[0]!);
  once.flush!();
  const lineChars = probe.writes.join('').length;
  const c = captured('info');
  const log = accessLogOf(c.logger, { flushMs: 60_000, maxBatchChars: lineChars * 3 });
  for (let i = 0; i < 7; i++) log.write('info', LINES[0]!);
  // Lines 1-3 and 4-6 filled a batch each; the seventh waits for its time (a minute here).
  assert.is(c.writes.length, 2);
  await turn();
  assert.is(c.lines().length, 6);
});

t('flush hands on the lines held at once, and the batch due later writes nothing more', async () => {
  const c = captured('info');
  const log = accessLogOf(c.logger, { flushMs: 20, maxBatchChars: 1 << 20 });
  log.write('info', LINES[0]!);
  log.write('info', LINES[1]!);
  log.flush!();
  assert.is(c.writes.length, 1);
  assert.is(c.lines().length, 2);
  await sleep(40);
  assert.is(c.writes.length, 1);
});

t('a process that exits before its batch is due still writes its lines (the real stdout)', () => {
  // The last lines before exit(): pino's own stream holds them asynchronously, as the service's does.
  const script = `
    import { accessLogOf } from './src/main/pino-access-log.ts';
    import { createLogger } from './src/main/logger.ts';
    const log = accessLogOf(createLogger('info'));
    for (let i = 0; i < 3; i++) log.write('info', { method: 'GET', route: 'r' + i, status: 200, durationMs: 1 });
    process.exit(0);
  `;
  const out = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    encoding: 'utf8',
  });
  assert.is(out.status, 0, out.stderr);
  assert.equal(
    out.stdout
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l).route),
    ['r0', 'r1', 'r2'],
  );
});

t('a logger that is not pino gets its own method called', () => {
  const got: [string, object, string][] = [];
  const double = {
    debug: (f: object, m: string) => got.push(['debug', f, m]),
    info: (f: object, m: string) => got.push(['info', f, m]),
    warn() {},
    error() {},
  };
  accessLogOf(double).write('info', LINES[1]!);
  assert.equal(got, [['info', LINES[1], 'request']]);
});

t.run();
