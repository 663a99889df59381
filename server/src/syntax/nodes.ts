import type { Node } from 'web-tree-sitter';
import type { Position, Range } from '../engine/types';
import { lineIndexOf } from '../parsing/lineIndex';

/**
 * The LSP range of a node of a tree parsed from `source` (or from a copy with the same offsets). Made from
 * the node's offsets (web-tree-sitter counts them in UTF-16 code units, as LSP does) through the text's
 * line index, never from tree-sitter rows: a lone `\r` ends a line for LSP but not for tree-sitter, and
 * rows of an incrementally reparsed tree are only as right as the points of the edits it was given.
 */
export function rangeOf(node: Node, source: string): Range {
  const lines = lineIndexOf(source);
  return { start: lines.positionAt(node.startIndex), end: lines.positionAt(node.endIndex) };
}

/** The LSP position of a UTF-16 offset of `source`. */
export function positionIn(source: string, offset: number): Position {
  return lineIndexOf(source).positionAt(offset);
}

/** Source text of a node, read from the original text (the parser may have seen a masked copy). */
export function textOf(node: Node, source: string): string {
  return source.slice(node.startIndex, node.endIndex);
}

export function namedChildrenOf(node: Node): Node[] {
  return node.namedChildren.filter((child): child is Node => child !== null);
}

export function childrenOf(node: Node): Node[] {
  return node.children.filter((child): child is Node => child !== null);
}
