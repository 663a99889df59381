import { readFileSync } from 'node:fs';

/** A process's resident set size in KiB (Linux `/proc/<pid>/status`), or undefined where there is no /proc. */
export function residentSetKb(pid: number): number | undefined {
  try {
    const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}
