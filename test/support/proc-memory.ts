import { readFileSync } from 'node:fs';

/** Resident memory of a process, from Linux's /proc: current (VmRSS) and peak (VmHWM), in kB. */
export interface ProcMemory {
  readonly rssKb: number;
  readonly peakKb: number;
}

/**
 * Reads another process's memory without asking it (no endpoint, no IPC), so the figure includes
 * everything the process holds. Null where /proc is missing (not Linux) or the process is gone.
 */
export function procMemory(pid: number): ProcMemory | null {
  let status: string;
  try {
    status = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return null;
  }
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  const rssKb = kb('VmRSS');
  const peakKb = kb('VmHWM');
  return Number.isFinite(rssKb) && Number.isFinite(peakKb) ? { rssKb, peakKb } : null;
}
