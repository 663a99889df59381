import type { Position } from '../engine/types';

/** Converts between UTF-16 offsets and 0-based line/character positions of one text. */
export class LineIndex {
  private readonly lineStarts: number[] = [0];

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      if (ch === 10) this.lineStarts.push(i + 1);
      else if (ch === 13 && text.charCodeAt(i + 1) !== 10) this.lineStarts.push(i + 1);
    }
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
