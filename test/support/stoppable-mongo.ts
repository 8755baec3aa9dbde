import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { MongoMemoryServer } from 'mongodb-memory-server';
import { freePort } from './free-port.js';

/** A MongoDB-wire server of the test's own, to stop and start again mid-test (outage tests). */
export interface StoppableMongo {
  readonly uri: string;
  stop(): Promise<void>;
  start(): Promise<void>;
  /**
   * Pauses the server's process (SIGSTOP): connections stay open and nothing answers, as with a server
   * that hangs. Unlike `stop()`, no driver error comes back at once; the caller waits. Settles once
   * every thread of the server has stopped.
   */
  freeze(): Promise<void>;
  /** Lets a frozen server go on (SIGCONT); the requests it held are answered. */
  thaw(): void;
  dispose(): Promise<void>;
}

/** The FerretDB that `scripts/with-ferretdb.sh` builds, if this machine has it. */
function ferretdbBinary(): string | undefined {
  const candidates = [process.env.FERRETDB_BIN, join(homedir(), '.cache/fxrates/ferretdb-v1.24.2')];
  return candidates.find((p): p is string => !!p && existsSync(p));
}

async function waitForPort(port: number, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    const up = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.end();
        resolve(true);
      }).on('error', () => resolve(false));
    });
    if (up) return;
    if (Date.now() > deadline) throw new Error(`no server on port ${port} after ${ms} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * SIGSTOP, then until every thread of `pid` is stopped. `kill` returns before they are: the thread
 * that takes the signal stops the others only when it runs, and on a busy machine the others may
 * meanwhile answer a request sent right after (seen once in CI: a read answered 200 "while frozen").
 */
async function stopped(pid: number | undefined, signal: (sig: NodeJS.Signals) => void): Promise<void> {
  signal('SIGSTOP');
  if (pid === undefined || !existsSync(`/proc/${pid}/task`)) return;
  const deadline = Date.now() + 5_000;
  const isStopped = (task: string) => {
    try {
      const stat = readFileSync(`/proc/${pid}/task/${task}/stat`, 'utf8');
      return 'Tt'.includes(stat[stat.lastIndexOf(')') + 2]!);
    } catch {
      return true; // the thread has ended
    }
  };
  while (!readdirSync(`/proc/${pid}/task`).every(isStopped)) {
    if (Date.now() > deadline) throw new Error(`process ${pid} did not stop within 5 s of SIGSTOP`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** FerretDB when built here (CI), else mongodb-memory-server; fails saying so when neither can run. */
export async function startStoppableMongo(): Promise<StoppableMongo> {
  const bin = ferretdbBinary();
  if (bin) {
    const port = await freePort();
    const dir = mkdtempSync(join(tmpdir(), 'fxrates-outage-'));
    let child: ChildProcess | undefined;
    const start = async () => {
      child = spawn(bin, ['-listen', `127.0.0.1:${port}`, '-dir', join(dir, 'sqlite')], { stdio: 'ignore' });
      await waitForPort(port, 10_000);
    };
    const signal = (sig: NodeJS.Signals) => void child?.kill(sig);
    const stop = async () => {
      signal('SIGCONT');
      const c = child;
      child = undefined;
      if (!c || c.exitCode !== null) return;
      await new Promise((r) => {
        c.once('exit', r);
        c.kill('SIGKILL');
      });
    };
    await start();
    return {
      uri: `mongodb://127.0.0.1:${port}/`,
      start,
      stop,
      freeze: () => stopped(child?.pid, signal),
      thaw: () => signal('SIGCONT'),
      dispose: async () => (await stop(), rmSync(dir, { recursive: true, force: true })),
    };
  }
  let server: MongoMemoryServer;
  try {
    server = await MongoMemoryServer.create();
  } catch (e) {
    throw new Error(
      'Outage tests need a server they can stop: build FerretDB with scripts/with-ferretdb.sh (needs Go) ' +
        `or let mongodb-memory-server download mongod (${(e as Error).message.split('\n')[0]})`,
      { cause: e },
    );
  }
  const signal = (sig: NodeJS.Signals) => void server.instanceInfo?.instance.mongodProcess?.kill(sig);
  return {
    uri: server.getUri(),
    freeze: () => stopped(server.instanceInfo?.instance.mongodProcess?.pid, signal),
    thaw: () => signal('SIGCONT'),
    stop: async () => (signal('SIGCONT'), void (await server.stop({ doCleanup: false, force: false }))),
    start: async () => void (await server.start(true)),
    dispose: async () => (signal('SIGCONT'), void (await server.stop())),
  };
}
