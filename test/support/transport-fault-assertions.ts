/**
 * Checks of the transport faults every sandbox injects (sandbox-server.ts, transport-faults.ts), whatever
 * it speaks: `get` makes one ordinary request, the test file checks what depends on the format.
 */
import * as assert from 'uvu/assert';
import type { SandboxControls } from '../../src/sandbox/sandbox-server.js';
import type { TransportFaultSettings } from '../../src/sandbox/sandbox-settings.js';
import { waitFor, within, type RawAnswer } from './fixer-sandbox.js';

type Sandbox = SandboxControls<TransportFaultSettings>;
type Get = () => Promise<RawAnswer>;

/** failRate 1: 20 answers, each with one of `statuses`, not all the same, all logged as `fail`. */
export async function answersAtFailRate1(
  sandbox: Sandbox,
  get: Get,
  statuses: readonly number[],
): Promise<RawAnswer[]> {
  sandbox.set({ failRate: 1 });
  const answers: RawAnswer[] = [];
  for (let i = 0; i < 20; i++) {
    const a = await get();
    assert.ok(statuses.includes(a.status), String(a.status));
    answers.push(a);
  }
  assert.ok(new Set(answers.map((a) => a.status)).size > 1, 'statuses should vary');
  assert.is(sandbox.requests.log.filter((r) => r.outcome === 'fail').length, 20);
  return answers;
}

/** Half the requests failing under seed 7: the same statuses after each reset, and both kinds among them. */
export async function assertSeedReplaysFaults(sandbox: Sandbox, get: Get): Promise<void> {
  const pattern = async () => {
    sandbox.reset();
    sandbox.set({ failRate: 0.5, seed: 7 });
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await get()).status);
    return statuses;
  };
  const first = await pattern();
  assert.equal(await pattern(), first);
  assert.ok(first.includes(200) && first.some((s) => s >= 500), first.join());
}

/** htmlRate 1: an HTML page, yet HTTP 200. */
export async function assertHtmlPageWith200(sandbox: Sandbox, get: Get): Promise<void> {
  sandbox.set({ htmlRate: 1 });
  const html = await get();
  assert.is(html.status, 200);
  assert.match(html.headers.get('content-type') ?? '', 'text/html');
  assert.match(html.text, '<html');
}

/** truncateRate 1 as the only fault: an HTTP 200 answer, returned to check that its body is cut. */
export async function truncatedWith200(sandbox: Sandbox, get: Get): Promise<RawAnswer> {
  sandbox.set({ htmlRate: 0, truncateRate: 1 });
  const cut = await get();
  assert.is(cut.status, 200);
  return cut;
}

/** `sandbox` was started with hangRate 1: `url` never answers, and close() still ends promptly (and closes it). */
export async function assertHangsUntilClosed(sandbox: Sandbox, url: string): Promise<void> {
  const outcome = await fetch(url, { signal: AbortSignal.timeout(150) }).then(
    () => 'answered',
    (e: Error) => e.name,
  );
  assert.is(outcome, 'TimeoutError');
  // A second hung request still open while closing: close() must not wait for it.
  const pending = fetch(url).then(
    () => 'answered',
    () => 'cut',
  );
  await waitFor(() => sandbox.requests.count === 2, 2_000, 'second request');
  await within(2_000, sandbox.close(), 'close()');
  assert.is(await within(2_000, pending), 'cut');
  assert.equal(
    sandbox.requests.log.map((r) => r.outcome),
    ['hang', 'hang'],
  );
}
