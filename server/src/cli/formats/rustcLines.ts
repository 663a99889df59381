import type { Position } from '../../engine/types';
import { LineIndex } from '../../parsing/lineIndex';

/** A place as rustc prints it: 1-based line (only `\n` ends one) and 1-based column in characters. */
export interface RustcLocation {
  line: number;
  column: number;
}

/**
 * rustc's numbering of one file, for positions of the engine (LSP numbering: a lone `\r` also ends a line,
 * columns count UTF-16 code units). rustc counts lines by `\n` only and columns in Unicode characters, so
 * `file:line:col` in the CLI's output is the place rustc and cargo name for the same code.
 */
export class RustcLines {
  private readonly lsp: LineIndex;
  private readonly lineStarts: number[] = [0];

  constructor(readonly text: string) {
    this.lsp = new LineIndex(text);
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.lineStarts.push(i + 1);
  }

  locate(position: Position): RustcLocation {
    const offset = this.lsp.offsetAt(position);
    const line = this.lineOf(offset);
    return { line: line + 1, column: characters(this.text.slice(this.lineStarts[line], offset)) + 1 };
  }

  /** The text of a 1-based rustc line, without its line break; a lone `\r` in it shown as rustc shows it. */
  lineText(line: number): string | undefined {
    const start = this.lineStarts[line - 1];
    if (start === undefined) return undefined;
    const end = line < this.lineStarts.length ? this.lineStarts[line] - 1 : this.text.length;
    return this.text.slice(start, end).replace(/\r$/, '').replace(/\r/g, '\u240d');
  }

  private lineOf(offset: number): number {
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.lineStarts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    return low;
  }
}

/** Unicode characters (code points) in `text`: an emoji is one, as rustc counts columns. */
function characters(text: string): number {
  return [...text].length;
}
