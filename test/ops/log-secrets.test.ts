import { Writable } from 'node:stream';
import * as assert from 'uvu/assert';
import { createFixerPolicy } from '../../src/adapters/fixer/policies.js';
import { FixerRateProvider } from '../../src/adapters/fixer/fixer-rate-provider.js';
import { InMemoryRequestBudget } from '../../src/adapters/memory/in-memory-request-budget.js';
import { createPinoLogger } from '../../src/main/logger.js';
import { startRigApp } from '../support/app.js';
import { SANDBOX_KEY, testFixerOptions } from '../support/fixer-sandbox.js';
import { apiKeysEnv, call, testKey, trpcQuery } from '../support/http.js';
import { ingestRig } from '../support/ingest-rig.js';
import { suite } from '../support/suite.js';

/** Everything the real pino logger writes, as it would reach stdout. */
function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  return { lines, logger: createPinoLogger({ level: 'debug', destination: stream }) };
}

const t = suite('no secret in any log line');

t('API keys and the Fixer key never reach the log: requests, an ingest with retries, logged objects', async () => {
  const admin = testKey('ops', 'admin');
  const { lines, logger } = capture();
  // Every third answer fails: the retries log their reasons too.
  const rig = await ingestRig({ sandbox: { failRate: 0.3, seed: 7 } });
  const options = testFixerOptions(rig.sandbox.url);
  const budget = new InMemoryRequestBudget({ fixer: 10_000 });
  const provider = new FixerRateProvider(options, createFixerPolicy(options, logger), budget, logger, rig.clock);
  const app = await startRigApp(rig, { provider, budget, logger, env: { API_KEYS: apiKeysEnv(admin) } });
  let closed: readonly string[] | undefined;
  try {
    const ingest = await call(app.url, '/ingest', { json: { days: 5 }, headers: admin.bearer });
    assert.is(ingest.status, 200);
    await trpcQuery(app.url, 'ingest.runs', {}, admin.header);
    await call(app.url, `/rates/latest?access_key=${SANDBOX_KEY}`, { headers: { 'x-api-key': admin.key } });
    await call(app.url, '/currencies', { headers: { authorization: `Bearer ${admin.key}x` } });
    // What a careless log call could carry: redaction must catch it wherever it sits.
    logger.info({ headers: { authorization: `Bearer ${admin.key}`, 'x-api-key': admin.key } }, 'headers');
    logger.info({ config: { FIXER_API_KEY: SANDBOX_KEY, API_KEYS: apiKeysEnv(admin) }, apiKey: SANDBOX_KEY }, 'config');
  } finally {
    await app.close();
    closed = [...lines];
    await rig.dispose();
  }
  const text = lines.join('\n');
  assert.ok(
    lines.some((l) => JSON.parse(l).route === 'ingest.run' && JSON.parse(l).keyName === 'ops'),
    'request line',
  );
  // The last request's line too, once the server has closed: the access log hands on its batch then.
  assert.ok(
    closed?.some((l) => JSON.parse(l).status === 401 && JSON.parse(l).keyName === '(invalid)'),
    "the last request's line",
  );
  assert.ok(
    lines.some((l) => /retrying/.test(l)),
    'the retries were logged',
  );
  assert.ok(
    lines.every((l) => typeof JSON.parse(l).level === 'number'),
    'JSON lines',
  );
  assert.not.ok(text.includes(admin.key), 'the API key');
  assert.not.ok(text.includes(SANDBOX_KEY), 'the Fixer key');
  assert.not.ok(text.includes(apiKeysEnv(admin).split(':')[2]!), 'the key digest');
  assert.ok(text.includes('[redacted]'));
});

t.run();
