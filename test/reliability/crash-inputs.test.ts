import * as assert from 'uvu/assert';
import { testDb, type TestDb } from '../support/mongo.js';
import { suite } from '../support/suite.js';
import { closeRawAgent, rawRequest } from './support/raw-http.js';
import { startSeededService } from './support/service.js';
import { summary } from './support/summary.js';

/**
 * Single requests the fuzz found fatal, each against a service of its own so that one crash does not
 * hide the next. `new URL(target, base)` reads a target starting with `//` as scheme-relative, and
 * one starting with `/\` too (the URL standard takes a backslash for a slash in http URLs), and an
 * absolute-form target names its own host; when that "host" is invalid, trpc-to-openapi's handler
 * rejects with TRPCError "Invalid URL", and a rejection nobody handles ends the process. Two guards
 * stand in the way, and each answers with its own message: the edge refuses targets that do not start
 * with a single `/`, and whatever an adapter rejects with is answered 400 (`/\` targets reach it).
 */
const REFUSED_TARGET = 'malformed request target';
const ADAPTER_REJECTED = 'malformed request';
const TARGETS: Record<string, string> = {
  '//%25': REFUSED_TARGET,
  '//[': REFUSED_TARGET,
  '//a:b/': REFUSED_TARGET,
  '//%2500/rates': REFUSED_TARGET,
  'http://%25/rates': REFUSED_TARGET,
  '/\\%25': ADAPTER_REJECTED,
  '/\\[': ADAPTER_REJECTED,
  '/\\a:b/rates': ADAPTER_REJECTED,
};

const t = suite<{ db?: TestDb }>('reliability: request targets that must not crash the service', {});

t.before(async (ctx) => {
  ctx.db = await testDb();
});
t.after(async (ctx) => {
  closeRawAgent();
  await ctx.db?.drop();
});

t(
  `${Object.keys(TARGETS).join(' ')}: answered 400 by the guard for each, and the service keeps running`,
  async (ctx) => {
    const outcomes: Record<string, string> = {};
    for (const target of Object.keys(TARGETS)) {
      const app = await startSeededService({ uri: ctx.db!.uri, dbName: ctx.db!.name, days: 2 });
      try {
        const a = await rawRequest(app.service.url, { method: 'GET', path: target }).catch((e: Error) => ({
          status: 0,
          text: e.message,
        }));
        // A request after it shows whether the process is still there (exit is asynchronous).
        const next = await rawRequest(app.service.url, { method: 'GET', path: '/currencies' }).catch(() => null);
        const message = /"message":"([^"]*)"/.exec(a.text)?.[1] ?? a.text.slice(0, 200);
        outcomes[target] = next && app.service.alive() ? `${a.status} ${message}` : 'crashed';
      } finally {
        await app.dispose();
      }
    }
    summary('crash inputs', outcomes);
    const expected = Object.fromEntries(Object.entries(TARGETS).map(([target, message]) => [target, `400 ${message}`]));
    assert.equal(outcomes, expected);
  },
);

t.run();
