import * as assert from 'uvu/assert';
import { InMemoryDataGeneration } from '../../src/adapters/memory/in-memory-data-generation.js';
import { GenerationWatcher } from '../../src/app/generation-watcher.js';
import { RatesChangeFeed, type ChangeScope } from '../../src/app/rates-change-feed.js';
import { isoDate } from '../../src/domain/iso-date.js';
import { silentLogger } from '../../src/domain/logger.js';
import { suite } from '../support/suite.js';

/** The in-memory generation, with an outage switch: while down, every read fails like a lost database. */
class Unreliable extends InMemoryDataGeneration {
  down = false;
  override async current(): Promise<number> {
    if (this.down) throw new Error('connection refused');
    return super.current();
  }
}

function rig(now: () => number = Date.now) {
  const generation = new Unreliable();
  const feed = new RatesChangeFeed();
  const heard: { dates: string[]; scope: ChangeScope }[] = [];
  feed.subscribe((dates, scope) => heard.push({ dates: [...dates], scope }));
  // The interval is never reached: the tests call poll() themselves.
  const watcher = new GenerationWatcher(generation, feed, silentLogger, 60_000, now);
  return { generation, heard, watcher };
}

const t = suite("GenerationWatcher: other processes' writes reach this process's caches");

t('publishes the dates of every generation it missed, once', async () => {
  const r = rig();
  await r.watcher.poll();
  r.heard.length = 0; // starting drops everything (nothing is cached yet)
  await r.generation.record({ dates: [isoDate('2024-01-02')], catalog: false });
  await r.generation.record({ dates: [isoDate('2024-01-03'), isoDate('2024-01-02')], catalog: true });
  await r.watcher.poll();
  await r.watcher.poll();
  assert.equal(r.heard, [{ dates: ['2024-01-02', '2024-01-03'], scope: { catalog: true, everything: false } }]);
});

t('a record not there yet is waited for one poll; still missing, everything is dropped', async () => {
  const r = rig();
  await r.watcher.poll();
  r.heard.length = 0;
  await r.generation.record({ dates: [isoDate('2024-01-02')], catalog: false });
  await r.generation.record({ dates: [isoDate('2024-01-03')], catalog: false });
  r.generation.forget(1);
  await r.watcher.poll();
  assert.equal(r.heard, [], 'a writer may be between its two steps');
  await r.watcher.poll();
  assert.equal(r.heard, [{ dates: [], scope: { catalog: false, everything: true } }]);
  await r.generation.record({ dates: [isoDate('2024-01-04')], catalog: false });
  await r.watcher.poll();
  assert.equal(r.heard.at(-1)?.dates, ['2024-01-04'], 'on track again after the gap');
});

t('an outage drops everything when the database answers again; changes made meanwhile are not missed', async () => {
  const r = rig();
  await r.watcher.poll();
  r.heard.length = 0;
  r.generation.down = true;
  await r.watcher.poll();
  await r.generation.record({ dates: [isoDate('2024-01-02')], catalog: false }); // another process, still connected
  await r.watcher.poll();
  assert.equal(r.heard, [], 'nothing to learn while it cannot read');
  r.generation.down = false;
  await r.watcher.poll();
  assert.equal(r.heard, [{ dates: [], scope: { catalog: false, everything: true } }]);
});

t('a counter that went back (a new database) drops everything', async () => {
  const r = rig();
  await r.generation.record({ dates: [isoDate('2024-01-02')], catalog: false });
  await r.watcher.poll();
  r.heard.length = 0;
  const fresh = new Unreliable();
  Object.assign(r.generation, { current: () => fresh.current() });
  await r.watcher.poll();
  assert.equal(r.heard, [{ dates: [], scope: { catalog: false, everything: true } }]);
});

t('a silence of several polls (a read that waited out an outage) drops everything', async () => {
  let clock = 0;
  const r = rig(() => clock);
  await r.watcher.poll();
  r.heard.length = 0;
  clock += 60_000;
  await r.watcher.poll();
  assert.equal(r.heard, [], 'one interval: on track');
  clock += 4 * 60_000;
  await r.watcher.poll();
  assert.equal(r.heard, [{ dates: [], scope: { catalog: false, everything: true } }]);
});

t.run();
