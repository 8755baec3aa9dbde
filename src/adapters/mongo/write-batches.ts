/**
 * Operations per bulk write. FerretDB 1.24 holds a connection per update until the command ends and
 * allows 100 per database: a bulk write of more than 100 updates never returns. 50 leaves room for
 * concurrent writers.
 */
export const WRITE_BATCH = 50;

export function batches<T>(items: readonly T[], size = WRITE_BATCH): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
