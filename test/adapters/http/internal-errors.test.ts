import { Writable } from 'node:stream';
import * as assert from 'uvu/assert';
import { InMemoryRateRepository } from '../../../src/adapters/memory/in-memory-rate-repository.js';
import { createPinoLogger } from '../../../src/main/logger.js';
import { startTestApp } from '../../support/app.js';
import { call, trpcQuery } from '../../support/http.js';
import { suite } from '../../support/suite.js';

/** A repository with a bug of ours: every read throws a plain Error (not a storage outage). */
class BrokenRepository extends InMemoryRateRepository {
  override findByDate(): never {
    throw new TypeError('cannot read properties of undefined (reading "rates") at /srv/secret/path.ts:12');
  }
}

const t = suite('internal errors at the edge', {});

t('a bug of ours is a 500 INTERNAL with nothing of it in the body, logged at error level with its cause', async () => {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  const app = await startTestApp({
    repo: new BrokenRepository(),
    logger: createPinoLogger({ level: 'info', destination }),
    env: { CACHE_MAX_DAYS: '0' },
  });
  try {
    const rest = await call(app.url, '/rates/2024-01-02');
    assert.is(rest.status, 500);
    assert.is(rest.body.code, 'INTERNAL');
    assert.is(rest.body.error, 'Internal error');
    assert.not.match(JSON.stringify(rest.body), /secret|TypeError|\.ts:/);
    const trpc = await trpcQuery(app.url, 'rates.byDate', { date: '2024-01-02' });
    assert.is(trpc.status, 500);
    assert.is(trpc.body.error.data.error, 'INTERNAL');
    assert.not.match(JSON.stringify(trpc.body), /secret|TypeError|\.ts:|stack/);
  } finally {
    await app.close();
  }
  const failures = lines.map((l) => JSON.parse(l) as { level: number; msg: string; cause?: { name: string } });
  const logged = failures.filter((l) => l.msg === 'request failed' && l.level === 50);
  assert.is(logged.length, 2, 'one error line per failed request');
  assert.is(logged[0]!.cause?.name, 'TypeError');
});

t.run();
