import { incomingMessageToRequest } from '@trpc/server/adapters/node-http';
import Fastify from 'fastify';
import * as assert from 'uvu/assert';
import { RestResponse } from '../../../src/adapters/http/routes/node-shims.js';
import { suite } from '../../support/suite.js';

const t = suite("the REST routes' response as tRPC's node adapter sees it");

/**
 * A Fastify route that builds the Fetch request as tRPC does for the OpenAPI handler (signal included)
 * over the route's response, and reports the signal's state once the response closed.
 */
async function start(answer: boolean) {
  const app = Fastify({ forceCloseConnections: true });
  const closed: Promise<boolean>[] = [];
  app.get('/x', async (request, reply) => {
    const res = new RestResponse(reply, {});
    const fetchRequest = incomingMessageToRequest(request.raw, res as never, { maxBodySize: null });
    closed.push(
      new Promise((resolve) => reply.raw.once('close', () => setImmediate(() => resolve(fetchRequest.signal.aborted)))),
    );
    if (answer) res.end('{"ok":true}');
    else await new Promise((r) => reply.raw.once('close', r));
    return reply;
  });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return { app, url, closed };
}

t('an answered request does not abort its signal', async () => {
  const { app, url, closed } = await start(true);
  try {
    const res = await fetch(`${url}/x`);
    assert.is(res.status, 200);
    assert.equal(await res.json(), { ok: true });
    assert.is(await closed[0], false);
  } finally {
    await app.close();
  }
});

t('a client that goes away before the answer aborts it', async () => {
  const { app, url, closed } = await start(false);
  try {
    const gone = new AbortController();
    const pending = fetch(`${url}/x`, { signal: gone.signal }).catch(() => 'aborted');
    await new Promise((r) => setTimeout(r, 200));
    gone.abort();
    assert.is(await pending, 'aborted');
    assert.is(await closed[0], true);
  } finally {
    await app.close();
  }
});

t.run();
