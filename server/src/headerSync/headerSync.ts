// Header sync: the crate's boundary written as C declarations into its header — a new file ("create"), or
// only the declarations that differ patched into the existing one ("update"). Used by the `header` command
// and the language server's "Update header"/"Create header".
import * as path from 'node:path';
import type { Parser } from 'web-tree-sitter';
import type { CrateModel } from '../crate/crateModel';
import { targetMacros } from '../interface/cHeader/preprocessor';
import { rustExports } from '../interface/rustSide';
import { collectHeader } from './collect';
import { parseHeaderConfig, type HeaderConfig } from './config';
import { renderDeclarations, renderHeader } from './render';
import { updateHeader, type HeaderChange, type HeaderEdit } from './update';

export { HeaderRefusal } from './model';
export type { HeaderChange, HeaderEdit } from './update';

export interface HeaderFile {
  file: string;
  /** Why this file: `--output`, named by build.rs for cbindgen, configured, a header in the crate, or the default name. */
  reason: 'output' | 'cbindgen' | 'configured' | 'in-crate' | 'default';
}

export function crateDir(crate: CrateModel): string {
  return crate.manifest?.dir ?? path.dirname(path.dirname(crate.rootFile));
}

/** The header the crate declares: build.rs's cbindgen output, a configured one, the in-crate header it implements, else `include/<crate>.h`. */
export function headerFileOf(crate: CrateModel, output?: string): HeaderFile {
  if (output) return { file: path.resolve(output), reason: 'output' };
  const headers = (crate.interfaces ?? []).filter((i) => i.source === 'c-header');
  const exported = new Set(rustExports(crate).keys());
  for (const reason of ['cbindgen', 'configured'] as const) {
    const found = headers.find((h) => h.reason === reason);
    if (found) return { file: found.file, reason };
  }
  // Several headers in the crate: the one named after it, else the one declaring most of its exports.
  const own = `${crate.name.replace(/-/g, '_')}.h`;
  const declared = (h: (typeof headers)[number]) => h.functions.filter((f) => exported.has(f.name)).length;
  const implemented = headers
    .filter((h) => h.reason === 'in-crate' && declared(h) > 0)
    .sort((a, b) => Number(path.basename(b.file) === own) - Number(path.basename(a.file) === own) || declared(b) - declared(a) || a.file.localeCompare(b.file));
  if (implemented.length > 0) return { file: implemented[0].file, reason: 'in-crate' };
  return { file: path.join(crateDir(crate), 'include', `${crate.name.replace(/-/g, '_')}.h`), reason: 'default' };
}

export function headerConfigOf(crate: CrateModel, readText: (file: string) => string | undefined): HeaderConfig {
  const file = path.join(crateDir(crate), 'cbindgen.toml');
  return parseHeaderConfig(file, readText(file));
}

export interface HeaderSyncResult {
  mode: 'create' | 'update';
  /** The header's new text (the same text when nothing differs). */
  text: string;
  /** Update: the edits to the old text (empty when it is up to date). Create: one edit, the whole file. */
  edits: HeaderEdit[];
  changes: HeaderChange[];
  notes: string[];
}

/**
 * The header for `crate`: `existing` is the current text of the file (undefined when there is none).
 * Throws HeaderRefusal when the boundary cannot be written truthfully.
 */
export function syncHeader(crate: CrateModel, parser: Parser, file: string, existing: string | undefined, config: HeaderConfig): HeaderSyncResult {
  const model = collectHeader(crate, config);
  const declarations = renderDeclarations(model, config);
  const notes = [...(config.error ? [config.error] : []), ...model.notes];
  if (existing === undefined || existing.trim() === '') {
    const text = renderHeader(declarations, config);
    return { mode: 'create', text, edits: [{ start: 0, end: existing?.length ?? 0, text }], changes: declarations.map((d) => ({ kind: 'added', key: `${d.item.kind} ${d.item.name}` })), notes };
  }
  if (config.language === 'C++') {
    // The C header reader does not read C++ (`enum class`, `constexpr`): the file is written whole.
    const text = renderHeader(declarations, config);
    const same = text === existing;
    return { mode: 'update', text, edits: same ? [] : [{ start: 0, end: existing.length, text }], changes: same ? [] : [{ kind: 'changed', key: `file ${path.basename(file)}`, was: 'another text', now: 'the C++ header of the crate' }], notes: [...notes, 'a C++ header is rewritten whole (its declarations are not patched one by one yet)'] };
  }
  const update = updateHeader(parser, file, existing, declarations, config, targetMacros(crate.cfg.target));
  return { mode: 'update', text: update.text, edits: update.edits, changes: update.changes, notes: [...notes, ...update.notes] };
}
