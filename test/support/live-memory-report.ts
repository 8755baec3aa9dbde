/**
 * Preloaded into a service under test (`--expose-gc --import` this file): on SIGUSR2 it collects all
 * garbage and writes what is still live to the file named by LIVE_MEMORY_FILE. What a process holds
 * after a full collection is what a leak grows; its RSS also counts the room V8 leaves the heap to
 * grow into between collections, which differs by machine.
 */
import { renameSync, writeFileSync } from 'node:fs';

const file = process.env.LIVE_MEMORY_FILE;
const collect = (globalThis as { gc?: () => void }).gc;

if (file && collect) {
  process.on('SIGUSR2', () => {
    // Twice: what a finalizer or a weak callback lets go of may be freed only by a second collection.
    collect();
    collect();
    const m = process.memoryUsage();
    const report = { heapUsed: m.heapUsed, external: m.external };
    // Written whole, then renamed: the reader never sees half a report.
    writeFileSync(`${file}.part`, JSON.stringify(report));
    renameSync(`${file}.part`, file);
  });
}
