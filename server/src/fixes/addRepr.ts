import type { Fix, TextEdit } from '../engine/types';
import type { LineIndex } from '../parsing/lineIndex';
import type { AdtItem, ItemCommon } from '../syntax/items';

/**
 * "Add `#[repr(X)]` to `T`": merges into an existing `#[repr(...)]` (`repr(packed)` → `repr(C, packed)`),
 * otherwise inserts a new attribute on its own line right above the item, after its doc comments and other
 * attributes, with the item's indentation.
 */
export function addReprFix(adt: AdtItem, file: string, lines: LineIndex, repr: string, isPreferred: boolean): Fix {
  return { title: `Add \`#[repr(${repr})]\` to \`${adt.name}\``, isPreferred, edits: [addReprEdit(adt, file, lines, repr)] };
}

export function addReprEdit(adt: AdtItem, file: string, lines: LineIndex, repr: string): TextEdit {
  const fileText = lines.text;
  const existing = adt.attributes.find((a) => a.name === 'repr' && !a.inner && a.args !== undefined);
  if (existing) {
    const start = lines.offsetAt(existing.range.start);
    const attributeText = fileText.slice(start, lines.offsetAt(existing.range.end));
    const open = /repr\s*\(/.exec(attributeText);
    if (open) {
      const at = lines.positionAt(start + open.index + open[0].length);
      return { file, range: { start: at, end: at }, newText: `${repr}, ` };
    }
  }
  return insertAttributeEdit(adt, file, lines, `#[repr(${repr})]`);
}

/** Inserts `attribute` on its own line right above the item (after its attributes), with its indentation. */
export function insertAttributeEdit(item: ItemCommon, file: string, lines: LineIndex, attribute: string): TextEdit {
  const start = item.range.start;
  const fileText = lines.text;
  const lineText = lines.lineText(start.line);
  const indent = /^\s*/.exec(lineText)?.[0] ?? '';
  const firstOnLine = lineText.slice(0, start.character).trim() === '';
  const nextLine = lines.offsetAt({ line: start.line + 1, character: 0 });
  const eol = fileText[nextLine - 2] === '\r' && fileText[nextLine - 1] === '\n' ? '\r\n' : '\n';
  return {
    file,
    range: { start, end: start },
    newText: firstOnLine ? `${attribute}${eol}${indent}` : `${attribute} `,
  };
}
