import type { Range, TextEdit } from '../engine/types';
import type { LineIndex } from '../parsing/lineIndex';
import type { Attribute } from '../syntax/attributes';

/** The range of an attribute's path, `no_mangle` in `#[no_mangle]` (where rustc points). */
export function attributeNameRange(attribute: Attribute, lines: LineIndex): Range {
  const start = lines.offsetAt(attribute.range.start);
  const text = lines.text.slice(start, lines.offsetAt(attribute.range.end));
  const at = text.indexOf(attribute.name);
  const from = at < 0 ? start : start + at;
  return { start: lines.positionAt(from), end: lines.positionAt(from + (at < 0 ? text.length : attribute.name.length)) };
}

/** `#[no_mangle]` → `#[unsafe(no_mangle)]`. */
export function wrapInUnsafeEdits(attribute: Attribute, file: string, lines: LineIndex): TextEdit[] {
  // Added by `cfg_attr(pred, no_mangle)`: the range is `no_mangle` itself, inside the `cfg_attr`.
  if (attribute.fromCfgAttr) {
    return [
      { file, range: { start: attribute.range.start, end: attribute.range.start }, newText: 'unsafe(' },
      { file, range: { start: attribute.range.end, end: attribute.range.end }, newText: ')' },
    ];
  }
  const start = lines.offsetAt(attribute.range.start);
  const end = lines.offsetAt(attribute.range.end);
  const text = lines.text.slice(start, end);
  const open = text.indexOf('[');
  const close = text.lastIndexOf(']');
  if (open < 0 || close <= open) return [];
  const innerStart = lines.positionAt(start + open + 1 + (text.slice(open + 1).length - text.slice(open + 1).trimStart().length));
  const innerEnd = lines.positionAt(start + close);
  return [
    { file, range: { start: innerStart, end: innerStart }, newText: 'unsafe(' },
    { file, range: { start: innerEnd, end: innerEnd }, newText: ')' },
  ];
}

/** Deletes an attribute, with its whole line when nothing else is on it. */
export function removeAttributeEdit(attribute: Attribute, file: string, lines: LineIndex): TextEdit {
  const { start, end } = attribute.range;
  const lineText = lines.lineText(start.line);
  const aloneOnLine = start.line === end.line && lineText.trim() === lineText.slice(start.character, end.character).trim();
  if (aloneOnLine) return { file, range: { start: { line: start.line, character: 0 }, end: { line: start.line + 1, character: 0 } }, newText: '' };
  const after = lines.text.slice(lines.offsetAt(end)).match(/^[ \t]*/)?.[0].length ?? 0;
  return { file, range: { start, end: { line: end.line, character: end.character + after } }, newText: '' };
}
