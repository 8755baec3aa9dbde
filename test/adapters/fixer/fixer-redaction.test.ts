import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as assert from 'uvu/assert';
import { redact } from '../../../src/adapters/fixer/redact.js';
import { isoDate } from '../../../src/domain/iso-date.js';
import type { FixerSandbox } from '../../../src/sandbox/fixer/index.js';
import {
  everythingAbout,
  rejectionOf,
  SANDBOX_KEY,
  startTestSandbox,
  testProvider,
  type TestProvider,
} from '../../support/fixer-sandbox.js';
import { suite } from '../../support/suite.js';

interface Ctx {
  sandbox: FixerSandbox;
  echo: Server;
  echoUrl: string;
}
const t = suite<Ctx>('FixerRateProvider: the key never leaks', {} as Ctx);

/** A hostile server that puts whatever key it receives (and the whole URL) into each kind of answer. */
function echoServer(): Server {
  return createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://echo');
    const key = url.searchParams.get('access_key') ?? String(req.headers.apikey);
    const send = (status: number, body: string) =>
      res.writeHead(status, { 'content-type': 'application/json' }).end(body);
    switch (url.pathname) {
      case '/gateway/2024-01-03':
        return send(401, JSON.stringify({ message: `Invalid key ${key} for ${req.url}` }));
      case '/envelope/2024-01-03':
        return send(
          200,
          JSON.stringify({ success: false, error: { code: 101, type: 'invalid_access_key', info: `key ${key}` } }),
        );
      case '/date/2024-01-03':
        return send(200, JSON.stringify({ success: true, base: 'EUR', date: key, rates: { USD: 1.1 } }));
      case '/quota/2024-01-03':
        return send(429, JSON.stringify({ message: `over quota for ${encodeURIComponent(key)}` }));
      default:
        return send(503, `<html>upstream failed for ${req.url}</html>`);
    }
  });
}

t.before(async (ctx) => {
  ctx.sandbox = await startTestSandbox();
  ctx.echo = echoServer();
  await new Promise<void>((r) => ctx.echo.listen(0, '127.0.0.1', r));
  ctx.echoUrl = `http://127.0.0.1:${(ctx.echo.address() as AddressInfo).port}`;
});
t.before.each((ctx) => ctx.sandbox.reset());
t.after(async (ctx) => {
  await ctx.sandbox.close();
  ctx.echo.closeAllConnections();
  await new Promise((r) => ctx.echo.close(r));
});

const DAY = isoDate('2024-01-03');

function assertNoKey(subject: string, key = SANDBOX_KEY): void {
  assert.not.ok(subject.includes(key), `key leaked:\n${subject}`);
  assert.not.ok(subject.includes(encodeURIComponent(key)), `encoded key leaked:\n${subject}`);
}

async function failAndCheck(p: TestProvider, run: (p: TestProvider) => Promise<unknown>): Promise<unknown> {
  const e = await rejectionOf(run(p));
  assertNoKey(everythingAbout(e));
  assert.is((e as Error).cause, undefined);
  assertNoKey(p.logger.text());
  return e;
}

t('successful calls log requests without the key, on both surfaces', async (ctx) => {
  for (const url of [ctx.sandbox.url, ctx.sandbox.apilayerUrl]) {
    const p = testProvider(url);
    await p.provider.fetchDay(DAY);
    await p.provider.fetchRange(DAY, isoDate('2024-01-05'));
    assert.ok(p.logger.lines.length > 0, 'requests should be logged');
    assertNoKey(p.logger.text());
  }
});

t('network errors are wrapped without their cause', async () => {
  const closed = await startTestSandbox();
  const url = closed.url;
  await closed.close();
  const p = testProvider(url, { retries: 1 });
  const e = (await failAndCheck(p, (x) => x.provider.fetchDay(DAY))) as Error & { providerCode: unknown };
  assert.is(e.providerCode, 'NETWORK');
  assert.match(e.message, 'ECONNREFUSED');
  assert.ok(p.logger.lines.some((l) => l.message.includes('retrying')));
});

t('faults, retries, timeouts and an open circuit leak nothing', async (ctx) => {
  ctx.sandbox.set({ failRate: 0.4, htmlRate: 0.3, truncateRate: 0.3 });
  const p = testProvider(ctx.sandbox.url, { retries: 2, breakerThreshold: 3 });
  await failAndCheck(p, (x) => x.provider.fetchDay(DAY));
  await failAndCheck(p, (x) => x.provider.fetchDay(DAY));
  ctx.sandbox.set({ failRate: 0, htmlRate: 0, truncateRate: 0, hangRate: 1 });
  const slow = testProvider(ctx.sandbox.url, { retries: 0, timeoutMs: 100 });
  await failAndCheck(slow, (x) => x.provider.fetchDay(DAY));
});

t('a server that echoes the key gets it redacted in every error', async (ctx) => {
  for (const mode of ['gateway', 'envelope', 'date', 'quota', 'html']) {
    const p = testProvider(`${ctx.echoUrl}/${mode}`, { retries: 0 });
    const e = await failAndCheck(p, (x) => x.provider.fetchDay(DAY));
    // The HTML page is never quoted; the other answers are, with the key masked.
    if (mode !== 'html') assert.match((e as Error).message, '***', mode);
  }
});

t('redact removes raw, encoded and parameter forms', () => {
  const key = 'a+b/c=d';
  assert.is(redact(`x a+b/c=d y`, key), 'x *** y');
  assert.is(redact(`x ${encodeURIComponent(key)} y`, key), 'x *** y');
  assert.is(
    redact('GET /latest?access_key=zzz&base=EUR apikey=qq', key),
    'GET /latest?access_key=***&base=EUR apikey=***',
  );
});

t.run();
