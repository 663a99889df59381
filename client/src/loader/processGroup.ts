// The loader child runs detached, as the leader of its own process group, so that everything a plugin starts
// (`fork`, `std::process::Command`) can be found and killed with it after the run.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** Process groups exist on POSIX systems only; on Windows the child is killed alone. */
export const HAS_PROCESS_GROUPS = process.platform !== 'win32';

/** Live (not zombie) processes of group `pgid`, `except` left out. */
export function groupMembers(pgid: number, except: readonly number[] = []): number[] {
  if (!HAS_PROCESS_GROUPS || !groupExists(pgid)) return [];
  const members = process.platform === 'linux' ? fromProc(pgid) : fromPs(pgid);
  return members.filter((pid) => !except.includes(pid)).sort((a, b) => a - b);
}

/** Signal 0 to the group: ESRCH when no process (not even a zombie) is left in it, without listing them all. */
function groupExists(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

function fromProc(pgid: number): number[] {
  const members: number[] = [];
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return fromPs(pgid);
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // exited meanwhile
    }
    // `pid (comm) state ppid pgrp …`; comm may hold spaces and parentheses, so split after the last `)`.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(fields[2]) === pgid && fields[0] !== 'Z' && fields[0] !== 'X') members.push(Number(entry));
  }
  return members;
}

function fromPs(pgid: number): number[] {
  try {
    const out = execFileSync('ps', ['-A', '-o', 'pid=,pgid=,stat='], { encoding: 'utf8', timeout: 5000 });
    return out
      .split('\n')
      .map((line) => line.trim().split(/\s+/))
      .filter(([pid, group, state]) => pid && Number(group) === pgid && !state?.startsWith('Z'))
      .map(([pid]) => Number(pid));
  } catch {
    return [];
  }
}

/** SIGKILL to every process of the group; false when there was none left. */
export function killGroup(pgid: number): boolean {
  try {
    process.kill(HAS_PROCESS_GROUPS ? -pgid : pgid, 'SIGKILL');
    return true;
  } catch {
    return false;
  }
}
