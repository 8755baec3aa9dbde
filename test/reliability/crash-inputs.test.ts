import * as assert from 'uvu/assert';
import { testDb, type TestDb } from '../support/mongo.js';
import { suite } from '../support/suite.js';
import { closeRawAgent, rawRequest } from './support/raw-http.js';
import { startSeededService } from './support/service.js';
import { summary } from './support/summary.js';

/**
 * Single requests the fuzz once found fatal, each against a service of its own so that one crash does
 * not hide the next. `new URL(target, base)` reads a target starting with `//` as scheme-relative, and
 * one starting with `/\` too (the URL standard takes a backslash for a slash in http URLs), and an
 * absolute-form target names its own host; a handler that builds a URL from them once rejected with
 * "Invalid URL" and ended the process. On the Fastify edge the router matches the target as a path, so
 * each is an ordinary client error: no route (404) for the odd paths, 400 for an absolute-form target
 * whose host is no host. Each answer is JSON in the edge's error shape, and the service keeps running.
 */
const NO_ROUTE = 404;
const BAD_TARGET = 400;
const TARGETS: Record<string, number> = {
  '//%25': NO_ROUTE,
  '//[': NO_ROUTE,
  '//a:b/': NO_ROUTE,
  '//%2500/rates': NO_ROUTE,
  'http://%25/rates': BAD_TARGET,
  '/\\%25': NO_ROUTE,
  '/\\[': NO_ROUTE,
  '/\\a:b/rates': NO_ROUTE,
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
  `${Object.keys(TARGETS).join(' ')}: each a JSON client error with a stable code, and the service keeps running`,
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
        const code = /"code":"([A-Z_.]+)"/.exec(a.text)?.[1] ?? `no code in ${a.text.slice(0, 200)}`;
        outcomes[target] = next && app.service.alive() ? `${a.status} ${code}` : 'crashed';
      } finally {
        await app.dispose();
      }
    }
    summary('crash inputs', outcomes);
    const codeOf = (status: number) => (status === NO_ROUTE ? 'ROUTE.NOT_FOUND' : 'REQUEST.INVALID');
    const expected = Object.fromEntries(
      Object.entries(TARGETS).map(([target, status]) => [target, `${status} ${codeOf(status)}`]),
    );
    assert.equal(outcomes, expected);
  },
);

t.run();
