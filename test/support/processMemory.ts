import { spawnSync } from 'node:child_process';
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

/**
 * Runs `script` (CommonJS, run with tsx from `cwd`, `global.gc` exposed) in a child process and returns the heap
 * growth in MB that its last line of output reports as `{"growthMb": …}`; throws with its stderr when it fails.
 */
export function heapGrowthMb(script: string, cwd: string): number {
  const run = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', '-e', script], { cwd, encoding: 'utf8', timeout: 120_000 });
  if (run.status !== 0) throw new Error(`the memory script failed (${run.status ?? run.signal}):\n${run.stderr}`);
  return (JSON.parse(run.stdout.trim().split('\n').pop() ?? '{}') as { growthMb: number }).growthMb;
}
