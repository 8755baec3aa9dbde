import { createServer } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import * as assert from 'uvu/assert';
import { drainable } from '../../src/main/close-server.js';
import { waitFor, within } from '../support/fixer-sandbox.js';
import { suite } from '../support/suite.js';

/**
 * The drain on a real server: what it answers, ends and drops when closing. `GET /slow` answers when
 * the test says so; anything else at once.
 */
interface Rig {
  readonly port: number;
  readonly drain: { close(): Promise<void> };
  readonly answerSlow: () => void;
  /** Settles when `/slow` has reached the handler. */
  readonly slowArrived: Promise<void>;
}

async function rig(): Promise<Rig> {
  let answerSlow!: () => void;
  const slow = new Promise<void>((r) => (answerSlow = r));
  let arrived!: () => void;
  const slowArrived = new Promise<void>((r) => (arrived = r));
  const server = createServer((req, res) => {
    const body = `answer to ${req.url}`;
    const send = () => res.writeHead(200, { 'content-type': 'text/plain', 'content-length': body.length }).end(body);
    if (req.url === '/slow') {
      arrived();
      void slow.then(send);
    } else send();
  });
  const drain = drainable(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { port: (server.address() as AddressInfo).port, drain, answerSlow, slowArrived };
}

/** A raw connection: what it has received, and whether the server ended it. */
function open(port: number): Promise<{ socket: Socket; got: () => string; ended: Promise<void> }> {
  return new Promise((resolve, reject) => {
    let text = '';
    const socket = connect(port, '127.0.0.1');
    const ended = new Promise<void>((r) => socket.once('close', () => r()));
    socket.on('data', (d: Buffer) => (text += d.toString('latin1')));
    socket.once('error', reject);
    socket.once('connect', () => resolve({ socket, got: () => text, ended }));
  });
}

const ask = (path: string) => `GET ${path} HTTP/1.1\r\nHost: x\r\n\r\n`;

const t = suite('drainable server close', {});

t('a keep-alive connection between requests is ended, and close resolves', async () => {
  const r = await rig();
  const c = await open(r.port);
  c.socket.write(ask('/fast'));
  await waitFor(() => c.got().includes('answer to /fast'));
  const closing = r.drain.close();
  await c.ended;
  await closing;
  assert.match(c.got(), /^HTTP\/1\.1 200 OK\r\n/);
});

t('a request in progress when closing starts is answered in full, with Connection: close', async () => {
  const r = await rig();
  const c = await open(r.port);
  c.socket.write(ask('/slow'));
  await r.slowArrived;
  const closing = r.drain.close();
  r.answerSlow();
  await c.ended;
  await closing;
  assert.match(c.got(), /\r\nConnection: close\r\n/i);
  assert.ok(c.got().endsWith('answer to /slow'));
});

t('pipelined requests in progress when closing starts are all answered, the last with Connection: close', async () => {
  const r = await rig();
  const c = await open(r.port);
  c.socket.write(ask('/slow') + ask('/slow'));
  await r.slowArrived;
  // Node reads the second request of the packet in the same turn as the first.
  await new Promise((res) => setImmediate(res));
  const closing = r.drain.close();
  r.answerSlow();
  await c.ended;
  await closing;
  const answers = c.got().split(/(?=HTTP\/1\.1 )/);
  assert.is(answers.length, 2, c.got());
  assert.not.match(answers[0]!, /\r\nConnection: close\r\n/i);
  assert.match(answers[1]!, /\r\nConnection: close\r\n/i);
  for (const a of answers) assert.ok(a.endsWith('answer to /slow'), a);
});

t('after connections close in any order, each open one is still known: closing ends every one of them', async () => {
  const r = await rig();
  const all = await Promise.all(Array.from({ length: 6 }, () => open(r.port)));
  for (const c of all) c.socket.write(ask('/fast'));
  await waitFor(() => all.every((c) => c.got().includes('answer to /fast')));
  // One at a time, the server hearing of each before the next: the first, then the last (which took
  // the first's place), then one in the middle.
  for (const c of [all[0]!, all[5]!, all[2]!]) {
    c.socket.destroy();
    await within(2_000, c.ended, 'a closed connection ending');
    await new Promise((res) => setTimeout(res, 50));
  }
  const closing = r.drain.close();
  // A connection the drain lost track of would stay open: bounded, so that it fails rather than hangs.
  await within(2_000, Promise.all([all[1]!, all[3]!, all[4]!].map((c) => c.ended)), 'the open connections ending');
  await within(2_000, closing, 'close()');
});

t('a connection accepted before closing whose request comes within the grace is answered', async () => {
  const r = await rig();
  const c = await open(r.port);
  await new Promise((res) => setTimeout(res, 20));
  const closing = r.drain.close();
  c.socket.write(ask('/late'));
  await c.ended;
  await closing;
  assert.ok(c.got().endsWith('answer to /late'), c.got());
  assert.match(c.got(), /\r\nConnection: close\r\n/i);
});

t('a connection that never sends a request is dropped after the grace', async () => {
  const r = await rig();
  const c = await open(r.port);
  await new Promise((res) => setTimeout(res, 20));
  const started = Date.now();
  await r.drain.close();
  await c.ended;
  assert.is(c.got(), '', 'nothing was sent on it');
  assert.ok(Date.now() - started >= 900, 'it had its grace first');
});

t.run();
