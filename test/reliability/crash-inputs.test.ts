import * as assert from 'uvu/assert';
import { testDb, type TestDb } from '../support/mongo.js';
import { suite } from '../support/suite.js';
import { closeRawAgent, rawRequest } from './support/raw-http.js';
import { startSeededService } from './support/service.js';
import { summary } from './support/summary.js';

/**
 * Single requests the fuzz found fatal, each against a service of its own so that one crash does not
 * hide the next. A request target starting with `//` is parsed by `new URL(target, base)` as a
 * scheme-relative URL; when its "host" is invalid, trpc-to-openapi's handler rejects with
 * TRPCError "Invalid URL", and src/adapters/http/server.ts calls it as `void rest(req, res)`:
 * the rejection is unhandled and Node ends the process.
 */
const TARGETS = ['//%25', '//[', '//a:b/', '//%2500/rates'];

const t = suite<{ db?: TestDb }>('reliability: request targets that must not crash the service', {});

t.before(async (ctx) => {
  ctx.db = await testDb();
});
t.after(async (ctx) => {
  closeRawAgent();
  await ctx.db?.drop();
});

t(`${TARGETS.join(' ')}: answered 4xx, and the service keeps running`, async (ctx) => {
  const outcomes: Record<string, string> = {};
  for (const target of TARGETS) {
    const app = await startSeededService({ uri: ctx.db!.uri, dbName: ctx.db!.name, days: 2 });
    try {
      const a = await rawRequest(app.service.url, { method: 'GET', path: target }).catch((e: Error) => ({
        status: 0,
        text: e.message,
      }));
      // A request after it shows whether the process is still there (exit is asynchronous).
      const next = await rawRequest(app.service.url, { method: 'GET', path: '/currencies' }).catch(() => null);
      outcomes[target] = next && app.service.alive() ? String(a.status) : 'crashed';
    } finally {
      await app.dispose();
    }
  }
  summary('crash inputs', outcomes);
  for (const [target, outcome] of Object.entries(outcomes)) {
    assert.ok(/^4\d\d$/.test(outcome), `GET ${target}: ${outcome}`);
  }
});

t.run();
