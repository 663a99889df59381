// Reads a `.wit` file's package from disk (its folder's other `.wit` files, `deps/`), preferring the editor's
// unsaved texts, and checks it. Parses are cached by text, so a keystroke re-parses only the edited file.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Finding } from '../engine/types';
import { checkWitDocument } from './check';
import { packageSet, type PackageSet, type WitDocument } from './packages';
import { parseWit } from './parser';

/** Bounds on what one check reads: a `deps/` folder of thousands of files is not a WIT package. */
const MAX_FILES = 500;
const MAX_BYTES = 4 * 1024 * 1024;

export type TextOf = (file: string) => string | undefined;

export class WitWorkspace {
  private readonly parsed = new Map<string, WitDocument>();

  /** `unsaved`: the editor's text of an open file (undefined: read the disk). */
  constructor(private readonly unsaved: TextOf = () => undefined) {}

  document(file: string, text?: string): WitDocument | undefined {
    const content = text ?? this.unsaved(file) ?? readWitText(file);
    if (content === undefined) return undefined;
    const cached = this.parsed.get(file);
    if (cached && cached.text === content) return cached;
    const doc: WitDocument = { file, text: content, ast: parseWit(content) };
    this.parsed.set(file, doc);
    return doc;
  }

  forget(file: string): void {
    this.parsed.delete(file);
  }

  /** `file` (an absolute path) with the files of its package and the packages it sees. */
  context(file: string): { doc: WitDocument; own: WitDocument[]; set: PackageSet } | undefined {
    const doc = this.document(file);
    if (!doc) return undefined;
    const folder = path.dirname(file);
    const own = [doc, ...witFilesIn(folder).filter((f) => f !== file).flatMap((f) => this.document(f) ?? [])];
    const deps = depFiles(folder).flatMap((f) => this.document(f) ?? []);
    return { doc, own, set: packageSet(own, deps) };
  }

  /** The findings of `file` (an absolute path) in its package. */
  check(file: string): Finding[] {
    const context = this.context(file);
    return context ? checkWitDocument(context.doc, context.own, context.set) : [];
  }
}

/** A `.wit` file's text, or undefined when it cannot be read or is too large to be a WIT file. */
export function readWitText(file: string): string | undefined {
  try {
    if (fs.statSync(file).size > MAX_BYTES) return undefined;
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** The `.wit` files of the packages under `folder/deps/` (see depFolders), at most MAX_FILES. */
export function depFiles(folder: string): string[] {
  return depFolders(folder).flatMap((f) => (f.endsWith('.wit') ? [f] : witFilesIn(f))).slice(0, MAX_FILES);
}

export function witFilesIn(folder: string): string[] {
  try {
    return fs
      .readdirSync(folder, { withFileTypes: true })
      .filter((e) => e.isFile() && e.name.endsWith('.wit'))
      .map((e) => path.join(folder, e.name))
      .sort()
      .slice(0, MAX_FILES);
  } catch {
    return [];
  }
}

/** `folder/deps/*` (folders and `.wit` files), and for a package that is itself under `deps/`, its sibling deps. */
function depFolders(folder: string): string[] {
  const entries = (deps: string) => {
    try {
      return fs.readdirSync(deps, { withFileTypes: true }).filter((e) => e.isDirectory() || e.name.endsWith('.wit')).map((e) => path.join(deps, e.name));
    } catch {
      return [];
    }
  };
  const own = entries(path.join(folder, 'deps'));
  const parent = path.dirname(folder);
  const siblings = path.basename(parent) === 'deps' ? entries(parent).filter((e) => e !== folder) : [];
  return [...own, ...siblings];
}
