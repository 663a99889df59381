import type { Fix, Range } from '../engine/types';
import { LineIndex } from '../parsing/lineIndex';

/** Where a `Cargo.toml` finding about the library target goes: its `[lib]` header, else `[package]`. */
export function libHeaderRange(manifestText: string): Range {
  const lines = new LineIndex(manifestText);
  const match = /^[ \t]*\[lib\][ \t]*$/m.exec(manifestText) ?? /^[ \t]*\[package\][ \t]*$/m.exec(manifestText);
  if (!match) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  return { start: lines.positionAt(match.index), end: lines.positionAt(match.index + match[0].length) };
}

/**
 * "Add `cdylib` to `crate-type`": extends an existing `crate-type = [...]` of `[lib]`, adds the key under an
 * existing `[lib]`, or appends a `[lib]` table.
 */
export function addCdylibFix(manifestPath: string, manifestText: string): Fix {
  const lines = new LineIndex(manifestText);
  const eol = manifestText.includes('\r\n') ? '\r\n' : '\n';
  const header = /^[ \t]*\[lib\][ \t]*(?:#.*)?$/m.exec(manifestText);
  const edit = (offset: number, newText: string) => {
    const at = lines.positionAt(offset);
    return { title: 'Add `"cdylib"` to `[lib] crate-type`', isPreferred: true, edits: [{ file: manifestPath, range: { start: at, end: at }, newText }] };
  };
  if (header) {
    const bodyStart = header.index + header[0].length;
    const nextTable = manifestText.slice(bodyStart).search(/^[ \t]*\[/m);
    const body = manifestText.slice(bodyStart, nextTable < 0 ? manifestText.length : bodyStart + nextTable);
    const crateType = /^[ \t]*crate-type[ \t]*=[ \t]*\[/m.exec(body);
    if (crateType) {
      const afterBracket = bodyStart + crateType.index + crateType[0].length;
      const empty = /^\s*\]/.test(manifestText.slice(afterBracket));
      return edit(afterBracket, empty ? '"cdylib"' : '"cdylib", ');
    }
    return edit(bodyStart, `${eol}crate-type = ["cdylib"]`);
  }
  const needsEol = manifestText.length > 0 && !manifestText.endsWith('\n');
  return edit(manifestText.length, `${needsEol ? eol : ''}${eol}[lib]${eol}crate-type = ["cdylib"]${eol}`);
}
