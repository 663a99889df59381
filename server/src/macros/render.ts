import type { Position, Range } from '../engine/types';
import { CLOSING, type TokenSide, type TokenTree } from './tokens';

/** One token of an expansion's text: where it is in the text, and where it came from. */
export interface Span {
  start: number;
  end: number;
  side: TokenSide;
  /** In the definition's or the call's file, relative to that side's anchor (see `relative`). */
  range: Range;
}

export interface Rendered {
  text: string;
  /** In text order. */
  spans: Span[];
}

/**
 * An expansion as text tree-sitter can parse: tokens separated by a space, except that two tokens of the
 * same side that touched in the source touch here too, and a line break wherever the source had one between
 * two tokens of the same side, so items keep their own lines (fixes that insert an attribute above an item
 * rely on it).
 */
export function render(tokens: readonly TokenTree[], anchors: Record<TokenSide, Position>): Rendered {
  const parts: string[] = [];
  const spans: Span[] = [];
  let length = 0;
  let previous: { side: TokenSide; end: Position } | undefined;
  const put = (text: string, side: TokenSide, range: Range) => {
    if (previous) {
      // Tokens that touched in the source touch here too (`Vec<u8>` stays `Vec<u8>` in messages).
      const sameSide = previous.side === side;
      const separator = sameSide && range.start.line !== previous.end.line ? '\n' : sameSide && range.start.character === previous.end.character ? '' : ' ';
      parts.push(separator);
      length += separator.length;
    }
    spans.push({ start: length, end: length + text.length, side, range: relative(range, anchors[side]) });
    parts.push(text);
    length += text.length;
    previous = { side, end: range.end };
  };
  const walk = (list: readonly TokenTree[]) => {
    for (const token of list) {
      const side = token.side ?? 'call';
      if (token.kind === 'group') {
        put(token.delim, side, token.open);
        walk(token.children);
        put(CLOSING[token.delim], side, token.close);
      } else {
        put(token.text, side, token.range);
      }
    }
  };
  walk(tokens);
  return { text: parts.join(''), spans };
}

/** A range made relative to `anchor` (line 0 counts columns from the anchor's column). */
export function relative(range: Range, anchor: Position): Range {
  return { start: relativePosition(range.start, anchor), end: relativePosition(range.end, anchor) };
}

function relativePosition(position: Position, anchor: Position): Position {
  const line = position.line - anchor.line;
  return { line, character: line === 0 ? position.character - anchor.character : position.character };
}

/** The inverse of `relative`. */
export function absolute(range: Range, anchor: Position): Range {
  return { start: absolutePosition(range.start, anchor), end: absolutePosition(range.end, anchor) };
}

function absolutePosition(position: Position, anchor: Position): Position {
  return { line: position.line + anchor.line, character: position.line === 0 ? position.character + anchor.character : position.character };
}

/** The span at or right after `offset` (spans are sorted), or undefined past the last one. */
export function spanAt(spans: readonly Span[], offset: number): Span | undefined {
  let low = 0;
  let high = spans.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (spans[mid].end <= offset) low = mid + 1;
    else high = mid;
  }
  return spans[low];
}

/** The span that ends at or right before `offset` (for the end of a range). */
export function spanBefore(spans: readonly Span[], offset: number): Span | undefined {
  let low = 0;
  let high = spans.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (spans[mid].start < offset) low = mid + 1;
    else high = mid;
  }
  return spans[low - 1];
}
