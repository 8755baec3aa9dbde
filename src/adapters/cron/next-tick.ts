import cron from 'node-cron';

/**
 * When a cron expression (UTC) next fires, by node-cron's own matcher so that the page announces
 * exactly the ticks the scheduler runs. The task is created to read its matcher and never started.
 */
export function nextTickOf(expression: string): () => Date | null {
  if (!cron.validate(expression)) return () => null;
  const task = cron.createTask(expression, () => undefined, { timezone: 'Etc/UTC', name: 'next-tick' });
  return () => task.getNextRuns(1)[0] ?? null;
}
