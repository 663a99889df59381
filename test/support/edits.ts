import type { TextEdit } from '../../server/src/engine/types';
import { LineIndex } from '../../server/src/parsing/lineIndex';

/** Applies edits (all in one text, positions in the original text) as an editor would. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const lines = new LineIndex(text);
  return [...edits]
    .sort((a, b) => lines.offsetAt(b.range.start) - lines.offsetAt(a.range.start))
    .reduce((out, e) => out.slice(0, lines.offsetAt(e.range.start)) + e.newText + out.slice(lines.offsetAt(e.range.end)), text);
}
