// The temporary folders that hold the copy of a library the child loads. Each is named after the process that
// made it (`rpg-load-<pid>-XXXXXX`), so a later run can remove the ones an interrupted run left behind: only
// those whose owner is no longer running, never another live editor's or CLI's.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

const PREFIX = 'rpg-load-';
const OWNED = /^rpg-load-(\d+)-[A-Za-z0-9]{6}$/;

export function makeCopyDir(base: string = tmpdir()): string {
  return mkdtempSync(path.join(base, `${PREFIX}${process.pid}-`));
}

let staleRemoved = false;

/** A new copy folder; the first of a process removes the copies left by runs that were killed before they could. */
export function copyDirOnce(): string {
  if (!staleRemoved) {
    staleRemoved = true;
    removeStaleCopies();
  }
  return makeCopyDir();
}

/** True while a process with this pid exists (signal 0 checks without sending anything). */
export function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes the copy folders of processes that are gone; returns the folders removed. Never throws. */
export function removeStaleCopies(base: string = tmpdir()): string[] {
  let names: string[];
  try {
    names = readdirSync(base);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const owner = OWNED.exec(name);
    if (!owner) continue;
    const pid = Number(owner[1]);
    if (pid === process.pid || processExists(pid)) continue;
    try {
      rmSync(path.join(base, name), { recursive: true, force: true });
      removed.push(path.join(base, name));
    } catch {
      // Another user's folder, or removed meanwhile: not ours to worry about.
    }
  }
  return removed;
}
