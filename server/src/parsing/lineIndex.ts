import type { Position } from '../engine/types';

/** Converts between UTF-16 offsets and 0-based line/character positions of one text. */
export class LineIndex {
  /** A typed array: an edit's index is made per keystroke, and 10,000 line starts are then one 40 KB block. */
  private readonly lineStarts: Uint32Array;

  constructor(
    readonly text: string,
    lineStarts?: Uint32Array,
  ) {
    if (lineStarts) {
      this.lineStarts = lineStarts;
      return;
    }
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      if (ch === 10) starts.push(i + 1);
      else if (ch === 13 && text.charCodeAt(i + 1) !== 10) starts.push(i + 1);
    }
    this.lineStarts = Uint32Array.from(starts);
  }

  /**
   * The index of this text with [start, oldEnd) replaced by `inserted`, from this one: the line starts before the
   * edit are kept, those after it moved, and only the edited stretch is scanned (a keystroke in a 300 KB file
   * costs its 10,000 line starts, not its 300,000 characters). Whether offset `p` starts a line depends on the
   * characters at `p - 1` and `p` only, so a start is kept where both are outside the edit.
   */
  edited(start: number, oldEnd: number, inserted: string): LineIndex {
    const text = this.text.slice(0, start) + inserted + this.text.slice(oldEnd);
    const delta = inserted.length - (oldEnd - start);
    const starts = this.lineStarts;
    const firstAfter = firstAtLeast(starts, Math.max(1, start));
    const inEdit: number[] = [];
    const scanEnd = Math.min(text.length, start + inserted.length);
    for (let p = Math.max(1, start); p <= scanEnd; p++) {
      const before = text.charCodeAt(p - 1);
      if (before === 10 || (before === 13 && text.charCodeAt(p) !== 10)) inEdit.push(p);
    }
    const firstMoved = firstAtLeast(starts, oldEnd + 1);
    const out = new Uint32Array(firstAfter + inEdit.length + starts.length - firstMoved);
    out.set(starts.subarray(0, firstAfter));
    out.set(inEdit, firstAfter);
    for (let i = firstMoved, o = firstAfter + inEdit.length; i < starts.length; i++, o++) out[o] = starts[i] + delta;
    return new LineIndex(text, out);
  }

  offsetAt(position: Position): number {
    if (position.line >= this.lineStarts.length) return this.text.length;
    if (position.line < 0) return 0;
    const start = this.lineStarts[position.line];
    const next = position.line + 1 < this.lineStarts.length ? this.lineStarts[position.line + 1] : this.text.length;
    return Math.min(start + Math.max(0, position.character), next);
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.lineStarts[mid] <= clamped) low = mid;
      else high = mid - 1;
    }
    return { line: low, character: clamped - this.lineStarts[low] };
  }

  lineText(line: number): string {
    const start = this.lineStarts[line] ?? this.text.length;
    const end = line + 1 < this.lineStarts.length ? this.lineStarts[line + 1] : this.text.length;
    return this.text.slice(start, end).replace(/\r?\n$|\r$/, '');
  }
}

/** The position just after `inserted` when it is inserted at `start`. */
export function endPositionAfterInsert(start: Position, inserted: string): Position {
  let line = start.line;
  let lastLineStart = -1;
  for (let i = 0; i < inserted.length; i++) {
    const ch = inserted.charCodeAt(i);
    if (ch === 10 || (ch === 13 && inserted.charCodeAt(i + 1) !== 10)) {
      line++;
      lastLineStart = i + 1;
    }
  }
  return lastLineStart < 0
    ? { line, character: start.character + inserted.length }
    : { line, character: inserted.length - lastLineStart };
}

/** The first index of the sorted `values` holding a value ≥ `wanted` (`values.length` when none does). */
function firstAtLeast(values: Uint32Array, wanted: number): number {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (values[mid] < wanted) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * Line indexes of the texts used last, shared by everything that reads one revision (the document's own, the
 * extraction's positions): one index per text instead of one per reader.
 */
const recent: LineIndex[] = [];
const RECENT_TEXTS = 4;

/** The index of `text`: one already made for it (`remember`), or a new one. */
export function lineIndexOf(text: string): LineIndex {
  const found = recent.findIndex((index) => index.text === text);
  if (found === 0) return recent[0];
  return remember(found > 0 ? recent.splice(found, 1)[0] : new LineIndex(text));
}

/** Offers an index (one made from an edit) to the next readers of its text. */
export function remember(index: LineIndex): LineIndex {
  recent.unshift(index);
  if (recent.length > RECENT_TEXTS) recent.pop();
  return index;
}
