// `check` in the CLI for `.wit` files: a `.wit` path is checked here (not by the Rust engine), and a folder is
// searched for `.wit` files too (vendored `deps/` folders are read as dependencies, not checked).
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Finding } from '../engine/types';
import { WitWorkspace } from './packageFiles';

const SKIPPED = new Set(['node_modules', 'target', '.git', 'deps']);
const MAX_FILES = 5000;
const MAX_DEPTH = 32;

export interface WitCheck {
  findings: Finding[];
  /** The paths that are not `.wit` files, for the Rust engine. */
  otherPaths: string[];
}

export function checkWitPaths(paths: readonly string[]): WitCheck {
  const workspace = new WitWorkspace();
  const files: string[] = [];
  const otherPaths: string[] = [];
  for (const given of paths) {
    const absolute = path.resolve(given);
    if (absolute.endsWith('.wit') && isFile(absolute)) files.push(absolute);
    else {
      otherPaths.push(given);
      if (isDirectory(absolute)) collect(absolute, 0, files);
    }
  }
  const findings = [...new Set(files)].slice(0, MAX_FILES).flatMap((file) => workspace.check(file).filter((f) => f.file === file));
  return { findings, otherPaths };
}

/** The `.wit` files under `folder` (not in `deps/`, `target/`, `node_modules/` or hidden folders), at most `limit`. */
export function witFilesUnder(folder: string, limit = MAX_FILES): string[] {
  const files: string[] = [];
  collect(folder, 0, files, limit);
  return files;
}

function collect(folder: string, depth: number, into: string[], limit = MAX_FILES): void {
  if (depth > MAX_DEPTH || into.length >= limit) return;
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(folder, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (into.length >= limit) return;
    if (entry.isFile() && entry.name.endsWith('.wit')) into.push(path.join(folder, entry.name));
    else if (entry.isDirectory() && !SKIPPED.has(entry.name) && !entry.name.startsWith('.')) collect(path.join(folder, entry.name), depth + 1, into, limit);
  }
}

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function isDirectory(file: string): boolean {
  try {
    return fs.statSync(file).isDirectory();
  } catch {
    return false;
  }
}
