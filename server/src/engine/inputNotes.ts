// What the CLI's `check` must say besides findings, so that "no problems found" never hides input it could not
// read or compare: a Rust file with syntax errors (analysed as far as it parses), an interface source that
// could not be read (an invalid `cbindgen.toml`: names are then compared as written), and a plugin that was
// compared with no declared interface at all.
import type { CrateModel } from '../crate/crateModel';
import type { ParsedFile } from '../crate/fileStore';
import { rustExports } from '../interface/rustSide';
import { findSafeQualifiers, maskSafeQualifiers } from '../parsing/safeQualifierMask';
import { parseWithBudget } from '../parsing/treeSitter';
import { lineIndexOf } from '../parsing/lineIndex';
import { firstSyntaxError, type SyntaxErrorAt } from '../parsing/syntaxErrors';
import { guestSignals, loadGuestWorld, loadHandWrittenWorld } from '../wit/guest';

export interface InputNote {
  kind: 'syntax-error' | 'interface-error' | 'no-interface';
  /** The file the note is about (a `.rs` file, `cbindgen.toml`, or the crate root). */
  file: string;
  /** One line, naming the file (and the position, for a syntax error). */
  message: string;
  /** 0-based, for a syntax error. */
  position?: { line: number; character: number };
}

/**
 * Where `file` stops parsing cleanly, if it does: read when the file was parsed, else (an open document) found by
 * parsing its text again. Only the first `realLength` characters are the file: macro expansions may follow them
 * in the crate model.
 */
export function syntaxErrorOf(file: ParsedFile, realLength = file.text.length): InputNote | undefined {
  if (file.notAnalysed) return undefined; // already said on the file by the engine
  const error = file.syntaxError !== undefined ? file.syntaxError : parsedAgain(file, realLength);
  if (!error) return undefined;
  const position = lineIndexOf(file.text).positionAt(error.offset);
  const what = error.expected !== undefined ? `expected \`${error.expected}\`` : 'unexpected input';
  return { kind: 'syntax-error', file: file.path, position, message: `syntax error (${what}): the file was analysed only as far as it parses, so findings in it may be missing` };
}

function parsedAgain(file: ParsedFile, realLength: number): SyntaxErrorAt | null {
  // Parsed as the engine parses it: edition 2024's `safe fn` in an `unsafe extern` block is masked (the grammar
  // does not know the qualifier), else every such block would be a "syntax error".
  const text = file.text.slice(0, realLength);
  const tree = parseWithBudget(file.parser, maskSafeQualifiers(text, findSafeQualifiers(text)));
  if (!tree) return null;
  try {
    return firstSyntaxError(tree.rootNode);
  } finally {
    tree.delete();
  }
}

/** The notes for one crate checked by the CLI. */
export function inputNotesOf(crate: CrateModel): InputNote[] {
  const notes: InputNote[] = [];
  // `macros/` appends expansions to a file's text and records where the real text ends.
  const expansions = (crate as { expansions?: ReadonlyMap<string, { realLength: number }> }).expansions;
  for (const file of crate.files.values()) {
    const note = syntaxErrorOf(file, expansions?.get(file.path)?.realLength);
    if (note) notes.push(note);
  }
  for (const error of new Set((crate.interfaces ?? []).flatMap((i) => i.errors))) notes.push({ kind: 'interface-error', file: crate.rootFile, message: error });
  const isPlugin = crate.crateTypes.includes('cdylib') || crate.crateTypes.includes('staticlib');
  const guest = guestSignals(crate);
  if (guest) {
    // A component guest is compared with its WIT world (rules/wit*.ts), not with a C header.
    const world = guest.generate ? loadGuestWorld(crate, guest) : loadHandWrittenWorld(crate, guest);
    if (!world?.located) {
      const why = world?.errors[0] ?? 'no `wit/` folder with one world';
      notes.push({ kind: 'no-interface', file: crate.rootFile, message: `\`${crate.name}\` is a WebAssembly component guest, but its WIT world could not be read, so its exports were compared with nothing: ${why}` });
    }
  } else if (crate.rootFile === crate.manifest?.libPath && (crate.interfaces ?? []).length === 0 && rustExports(crate).size > 0) {
    const message = isPlugin
      ? `\`${crate.name}\` was compared with no declared interface (no header in the crate or named by build.rs, and no host crate of its workspace declares its symbols the ways this checker reads: dlopen2 \`WrapperApi\`, libloading or \`dlsym\` lookups, vtable structs); pass \`--interfaces GLOB\` to check its exports against the host's header`
      : `\`${crate.name}\` exports C symbols but was compared with no declared interface: it is not built as a \`cdylib\` or \`staticlib\`, and \`--interfaces\` applies to those (name its package in \`rustPluginGuard.interfaces\` to check it)`;
    notes.push({ kind: 'no-interface', file: crate.rootFile, message });
  }
  return notes;
}
