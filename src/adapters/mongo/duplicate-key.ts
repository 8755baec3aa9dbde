/** The server's code for a unique-index violation: how every "insert if absent" here learns it lost. */
const DUPLICATE_KEY = 11000;

/** True when a single write failed only because its key already exists. */
export const isDuplicateKey = (e: unknown): boolean => (e as { code?: unknown }).code === DUPLICATE_KEY;

/** The failed writes of a bulk write error, with the index of each in the batch; none for other errors. */
export function writeErrorsOf(e: unknown): { code?: number; index: number }[] {
  const w = (e as { writeErrors?: unknown }).writeErrors;
  if (Array.isArray(w)) return w as { code?: number; index: number }[];
  return w ? [w as { code?: number; index: number }] : [];
}

/** True when a bulk write failed, and every write that failed did so because its key exists. */
export function onlyDuplicateKeys(e: unknown): boolean {
  const errors = writeErrorsOf(e);
  return errors.length > 0 && errors.every((w) => w.code === DUPLICATE_KEY);
}
