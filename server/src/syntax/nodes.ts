import type { Node } from 'web-tree-sitter';
import type { Range } from '../engine/types';

export function rangeOf(node: Node): Range {
  return {
    start: { line: node.startPosition.row, character: node.startPosition.column },
    end: { line: node.endPosition.row, character: node.endPosition.column },
  };
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
