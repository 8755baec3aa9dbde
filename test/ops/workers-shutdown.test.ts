import { spawn, type ChildProcess } from 'node:child_process';
import { request, type IncomingHttpHeaders } from 'node:http';
import * as assert from 'uvu/assert';
import { within } from '../support/fixer-sandbox.js';
import { apiKeysEnv, testKey } from '../support/http.js';
import { testDb, type TestDb } from '../support/mongo.js';
import { suite } from '../support/suite.js';
import { freePort } from '../support/free-port.js';

/** The real `npm start` as a child process: two workers sharing a port, then SIGTERM under load. */
const admin = testKey('ops', 'admin');
const t = suite<{ db?: TestDb; child?: ChildProcess; port?: number; output: string[] }>('WORKERS=2 and SIGTERM', {
  output: [],
});

interface Reply {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** One request on its own connection (no keep-alive), so that each may land on either worker. */
function get(port: number, path: string, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, agent: false, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
      // A response that started and broke off: the one kind of loss a graceful shutdown must never cause.
      res.on('error', (e) => reject(Object.assign(e, { afterResponse: true })));
      res.on('aborted', () => reject(Object.assign(new Error('response aborted'), { afterResponse: true })));
    });
    req.on('error', reject).end();
  });
}

t.before(async (ctx) => {
  ctx.db = await testDb();
  ctx.port = await freePort();
  ctx.child = spawn(process.execPath, ['--import', 'tsx', 'src/main/serve.ts'], {
    cwd: new URL('../..', import.meta.url).pathname,
    env: {
      PATH: process.env.PATH,
      PORT: String(ctx.port),
      HOST: '127.0.0.1',
      WORKERS: '2',
      MONGODB_URI: ctx.db.uri,
      MONGODB_DB: ctx.db.name,
      INGEST_ENABLED: 'false',
      API_KEYS: apiKeysEnv(admin),
      RATE_LIMIT_PER_MINUTE: '0',
      SHUTDOWN_TIMEOUT_MS: '8000',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  ctx.child.stdout!.on('data', (c: Buffer) => ctx.output.push(c.toString()));
  ctx.child.stderr!.on('data', (c: Buffer) => ctx.output.push(c.toString()));
  const deadline = Date.now() + 60_000;
  for (;;) {
    const up = await get(ctx.port, '/healthz').then(
      (r) => r.status === 200,
      () => false,
    );
    if (up) break;
    if (Date.now() > deadline || ctx.child.exitCode !== null) throw new Error(`no start:\n${ctx.output.join('')}`);
    await new Promise((r) => setTimeout(r, 200));
  }
});
t.after(async (ctx) => {
  if (ctx.child && ctx.child.exitCode === null) ctx.child.kill('SIGKILL');
  await ctx.db?.drop();
});

t('both workers answer on the one port', async (ctx) => {
  const seen = new Set<string>();
  // Each worker must be ready too: the second may still be starting when the first answers.
  for (let i = 0; i < 300 && seen.size < 2; i++) {
    const r = await get(ctx.port!, '/healthz');
    seen.add(String(r.headers['x-worker']));
    if (seen.size < 2) await new Promise((r) => setTimeout(r, 20));
  }
  assert.equal([...seen].sort(), ['1', '2']);
});

t('SIGTERM during a burst: every accepted request is answered in full, and the process exits 0', async (ctx) => {
  const port = ctx.port!;
  const body = JSON.stringify({ days: 2, dryRun: true });
  let signal!: () => void;
  const signalled = new Promise<void>((r) => (signal = r));
  // Requests the server has certainly accepted: it said "100 Continue"; their bodies come after the signal.
  const held = Array.from({ length: 3 }, () => {
    let sendBody!: () => void;
    const continued = new Promise<void>((r) => (sendBody = r));
    const reply = new Promise<Reply>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port,
          path: '/ingest',
          method: 'POST',
          agent: false,
          headers: {
            ...admin.bearer,
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
            expect: '100-continue',
          },
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8').on('data', (c: string) => (text += c));
          res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: text }));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.on('continue', () => sendBody());
      signalled.then(() => req.end(body));
    });
    return { continued, reply };
  });
  await within(10_000, Promise.all(held.map((h) => h.continued)), 'the 100 Continue of every held request');

  // A burst of plain requests on fresh connections, until the signal.
  let stop = false;
  const before: Promise<Reply>[] = [];
  const loops = Array.from({ length: 8 }, async () => {
    while (!stop) {
      const r = get(port, '/currencies');
      before.push(r);
      await r.catch(() => undefined);
    }
  });
  while (before.length < 40) await new Promise((r) => setTimeout(r, 5));
  const exited = new Promise<number | null>((r) => ctx.child!.once('exit', (code) => r(code)));
  stop = true;
  ctx.child!.kill('SIGTERM');
  signal();
  await Promise.all(loops);

  const burst = await Promise.allSettled(before);
  // A connection still queued at the listener when it closes (in the kernel, or in the primary on its way
  // to a worker) is refused or reset before any worker read a byte of it: not accepted, safe to retry.
  // Every request a worker did read is answered in full; the held requests above prove that for
  // requests certainly accepted before the signal.
  const notAccepted = (e: { code?: string; afterResponse?: boolean }) =>
    !e.afterResponse && ['ECONNREFUSED', 'ECONNRESET', 'EPIPE'].includes(e.code ?? '');
  const lost = burst.filter((r) => (r.status === 'rejected' ? !notAccepted(r.reason) : r.value.status !== 200));
  assert.equal(lost, [], 'no request was answered partly or with an error');
  const answered = burst.filter((r) => r.status === 'fulfilled');
  // Each of the 8 loops had at most one request in flight at the signal: only those could be refused.
  assert.ok(answered.length >= burst.length - 8, `answered ${answered.length} of ${burst.length}`);
  for (const r of answered) JSON.parse(r.value.body);
  for (const h of held) {
    const reply = await within(10_000, h.reply, 'a held request');
    assert.is(reply.status, 200, reply.body);
    assert.ok(Array.isArray(JSON.parse(reply.body).plan.asked));
  }
  assert.is(await within(15_000, exited, 'exit'), 0, ctx.output.join(''));
});

t.run();
