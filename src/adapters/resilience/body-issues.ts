import type { z } from 'zod';

/** The first few reasons a provider's body broke its schema, for a readable error; `root` names the whole body. */
export function bodyIssues(error: z.ZodError, root: string): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${i.path.join('.') || root}: ${i.message}`)
    .join('; ');
}
