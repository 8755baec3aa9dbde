import { connect } from 'node:net';
import * as assert from 'uvu/assert';
import { InMemoryRateRepository } from '../../../src/adapters/memory/in-memory-rate-repository.js';
import { startTestApp, type TestApp } from '../../support/app.js';
import { suite } from '../../support/suite.js';

const t = suite<{ app?: TestApp }>("requests Node's parser refuses", {});
t.before(async (ctx) => {
  ctx.app = await startTestApp({ repo: new InMemoryRateRepository(), env: { PROVIDERS: 'fixer' } });
});
t.after(async (ctx) => ctx.app?.close());

/** Everything the server writes back to `raw` until it closes the connection. */
function exchange(app: TestApp, raw: string): Promise<string> {
  const { hostname, port } = new URL(app.url);
  return new Promise((resolve, reject) => {
    let got = '';
    const socket = connect(Number(port), hostname, () => socket.write(raw, 'latin1'));
    socket.on('data', (d: Buffer) => (got += d.toString('latin1')));
    socket.on('close', () => resolve(got));
    socket.on('error', reject);
  });
}

const parts = (text: string) => {
  const at = text.indexOf('\r\n\r\n');
  return { head: text.slice(0, at), body: text.slice(at + 4) };
};

t('a malformed request line gets 400 with the API error body, and the connection closes', async (ctx) => {
  const { head, body } = parts(await exchange(ctx.app!, 'GET /rates/\xcf HTTP/1.1\r\nHost: x\r\n\r\n'));
  assert.match(head, /^HTTP\/1\.1 400 Bad Request\r\n/);
  assert.match(head, /\r\nConnection: close(\r\n|$)/);
  assert.match(head, new RegExp(`\\r\\nContent-Length: ${Buffer.byteLength(body)}(\\r\\n|$)`));
  assert.is(JSON.parse(body).code, 'REQUEST.INVALID');
});

t('the same as a HEAD has no body: a HEAD client would read one as the next answer', async (ctx) => {
  const answer = await exchange(ctx.app!, 'HEAD /rates/\xcf HTTP/1.1\r\nHost: x\r\n\r\n');
  const { head, body } = parts(answer);
  assert.match(head, /^HTTP\/1\.1 400 Bad Request\r\n/);
  assert.match(head, /\r\nContent-Length: \d+/);
  assert.is(body, '');
  assert.ok(answer.endsWith('\r\n\r\n'));
});

t('headers too large get 431 with the API error body', async (ctx) => {
  const { head, body } = parts(
    await exchange(ctx.app!, `GET /rates/2024-01-02 HTTP/1.1\r\nHost: x\r\nX-Padding: ${'p'.repeat(20_000)}\r\n\r\n`),
  );
  assert.match(head, /^HTTP\/1\.1 431 /);
  assert.is(JSON.parse(body).code, 'REQUEST.TOO_LARGE');
});

t.run();
