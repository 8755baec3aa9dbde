import { pino, type Logger as Pino } from 'pino';
import type { AccessLine, AccessLog } from '../adapters/http/edge/access-log.js';
import type { Logger } from '../domain/logger.js';

/** What a line says besides its level, time and duration, as JSON text around the duration. */
interface LineParts {
  readonly method: string;
  readonly status: number;
  readonly middle: string;
  readonly tail: string;
}

/** Writers holding access lines not yet handed to their stream: they write them out when the process exits. */
const unwritten = new Set<() => void>();
process.once('exit', () => {
  for (const writeOut of unwritten) writeOut();
});

/** When a batch of access lines is handed to the stream: whichever comes first. */
export interface AccessLogBatching {
  readonly flushMs: number;
  readonly maxBatchChars: number;
}

const DEFAULT_BATCHING: AccessLogBatching = { flushMs: 20, maxBatchChars: 64 * 1024 };

interface Stream {
  write(text: string): void;
  /** pino's own streams have it: at exit, nothing else will write what they hold. */
  flushSync?(): void;
}

/**
 * The access line written straight to pino's stream, the same line `logger[level](line, 'request')`
 * writes (level, time, the logger's bindings, the fields, msg), in a fraction of its time. Cached
 * answers take some 20 µs of CPU each, and pino's way made the log the most expensive part of a hit:
 * - the line's fields are fixed and made by the edge, so it needs neither pino's generic serialisation
 *   nor its redaction pass (about 2 µs and 7 µs a line with pino 10), which every other line keeps;
 * - the lines are handed to the stream in batches, at most `flushMs` after the first of a batch or as
 *   soon as it holds `maxBatchChars`: the stream measures the bytes it holds on every write, and each
 *   of its writes to stdout is a system call and a wake-up of whatever reads the output. Under load,
 *   one write per turn of the event loop (a few lines each) cost a cached answer some 4 µs of its
 *   24 µs; one write per 20 ms costs it almost nothing, and a line reaches the output 20 ms late at
 *   most, still in order with the other access lines (the time field says when it happened).
 * A logger that is not pino (tests' doubles) gets its own method called.
 */
export function accessLogOf(logger: Logger, batching: AccessLogBatching = DEFAULT_BATCHING): AccessLog {
  if (!isPino(logger)) return { write: (level, line) => logger[level](line, 'request') };
  const stream = (logger as unknown as Record<symbol, Stream>)[pino.symbols.streamSym]!;
  // The logger's bindings, already serialised by pino: `,"pid":..,"hostname":..,"service":..`.
  const bindings = (logger as unknown as Record<symbol, string>)[pino.symbols.chindingsSym] ?? '';
  // The parts of a line fixed by its method, route, status and key name, made once: a line is then a
  // few pieces, not a dozen, which halves the cost of making it and of flattening the batch. Found by
  // route, then key name (one of the configured ones), then in a short list of method and status. Kept
  // without a bound: the edge's route labels, methods and statuses are fixed sets, key names configured.
  const parts = new Map<string, Map<string | undefined, LineParts[]>>();
  const partsOf = (line: AccessLine): LineParts => {
    let ofRoute = parts.get(line.route);
    if (ofRoute === undefined) parts.set(line.route, (ofRoute = new Map()));
    let ofKey = ofRoute.get(line.keyName);
    if (ofKey === undefined) ofRoute.set(line.keyName, (ofKey = []));
    for (const p of ofKey) if (p.status === line.status && p.method === line.method) return p;
    const key = line.keyName === undefined ? '' : `,"keyName":${JSON.stringify(line.keyName)}`;
    const made: LineParts = {
      method: line.method,
      status: line.status,
      middle: `${bindings},"method":${JSON.stringify(line.method)},"route":${JSON.stringify(line.route)},"status":${line.status},"durationMs":`,
      tail: `${key},"msg":"request"}\n`,
    };
    ofKey.push(made);
    return made;
  };
  let pending = '';
  let timer: NodeJS.Timeout | undefined;
  const writeOut = () => {
    unwritten.delete(writeOutAtExit);
    clearTimeout(timer);
    timer = undefined;
    const text = pending;
    pending = '';
    if (text) stream.write(text);
  };
  const writeOutAtExit = () => {
    writeOut();
    try {
      stream.flushSync?.();
    } catch {
      // The process is ending: a stream that cannot write now has nothing left to try.
    }
  };
  return {
    flush: writeOut,
    write(level, line: AccessLine) {
      if (!logger.isLevelEnabled(level)) return;
      if (!pending) {
        unwritten.add(writeOutAtExit);
        // Unreferenced: a process with nothing else to do exits now, and the exit hook writes the batch.
        timer = setTimeout(writeOut, batching.flushMs).unref();
      }
      const p = partsOf(line);
      pending += `{"level":${logger.levels.values[level]},"time":${Date.now()}${p.middle}${line.durationMs}${p.tail}`;
      if (pending.length >= batching.maxBatchChars) writeOut();
    },
  };
}

const isPino = (l: Logger): l is Pino =>
  typeof (l as Partial<Pino>).isLevelEnabled === 'function' && pino.symbols.streamSym in l;
