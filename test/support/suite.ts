import { suite as uvuSuite, type Test } from 'uvu';

/**
 * The only way tests create uvu suites. It records each suite so that the runner can fail a file
 * that forgot `.run()`, which plain uvu would pass silently with its tests never executed.
 */
const created: { name: string; ran: boolean }[] = [];

export function suite<T extends object = Record<string, never>>(name: string, context?: T): Test<T> {
  const entry = { name, ran: false };
  created.push(entry);
  const s = uvuSuite<T>(name, context);
  // uvu drops an error thrown by a `before` hook without a word (its runner returns from `finally`):
  // say it here, so that "needs MONGODB_URI" and the like reach the reader.
  const before = s.before;
  s.before = Object.assign(
    (hook: Parameters<typeof before>[0]) =>
      before(async (state) => {
        try {
          await hook(state);
        } catch (e) {
          console.error(`\n${name}: before hook failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
          throw e;
        }
      }),
    { each: before.each },
  );
  const run = s.run;
  s.run = () => {
    entry.ran = true;
    run();
  };
  return s;
}

/** Names of suites that were created but never run. */
export const suitesNotRun = (): string[] => created.filter((s) => !s.ran).map((s) => s.name);
