// Token trees for `macro_rules!` expansion, built from tree-sitter's `token_tree` nodes. No maintained npm
// package matches Rust declarative macros, so server/src/macros/ does it by hand: tokens.ts (token trees),
// definition.ts (rules), fragments.ts (fragment specifiers), matcher.ts, transcriber.ts, render.ts, and the
// crate integration in crateExpansion.ts / findingMap.ts; inside function bodies bodyScope.ts (which calls),
// bodyExpansion.ts (the expanded text) and bodyMap.ts (its positions, and findings back to the calls).
import type { Node } from 'web-tree-sitter';
import type { Range } from '../engine/types';
import { LineIndex } from '../parsing/lineIndex';

export type LeafKind = 'ident' | 'punct' | 'literal' | 'lifetime';
export type Delimiter = '(' | '[' | '{';

/** Where an expanded token came from: the macro's definition or the call's input (for finding locations). */
export type TokenSide = 'def' | 'call';

export interface Leaf {
  kind: LeafKind;
  text: string;
  range: Range;
  side?: TokenSide;
}

export interface Group {
  kind: 'group';
  delim: Delimiter;
  open: Range;
  close: Range;
  children: TokenTree[];
  side?: TokenSide;
}

export type TokenTree = Leaf | Group;

export const CLOSING: Record<Delimiter, string> = { '(': ')', '[': ']', '{': '}' };

const LITERAL_NODES = new Set(['string_literal', 'raw_string_literal', 'char_literal', 'integer_literal', 'float_literal', 'boolean_literal']);

/** The leaves and groups inside a delimited node (its first and last children are the delimiters). */
export function tokenTreesOf(node: Node, source: string): TokenTree[] {
  return tokensOfNodes(node.children.filter((c): c is Node => c !== null).slice(1, -1), source);
}

/** The token trees of a list of sibling nodes. */
export function tokensOfNodes(nodes: readonly Node[], source: string): TokenTree[] {
  const out: TokenTree[] = [];
  for (const node of nodes) pushToken(node, source, out);
  return mergeLifetimes(out);
}

/** A delimited node as one group (a call's `( ... )`, a rule's body `{ ... }`). */
export function groupOf(node: Node, source: string): Group | undefined {
  const first = node.child(0);
  const last = node.child(node.childCount - 1);
  const delim = first?.type;
  if (!first || !last || (delim !== '(' && delim !== '[' && delim !== '{')) return undefined;
  return { kind: 'group', delim, open: rangeIn(first, source), close: rangeIn(last, source), children: tokenTreesOf(node, source) };
}

function pushToken(node: Node, source: string, out: TokenTree[]): void {
  const type = node.type;
  if (type === 'line_comment' || type === 'block_comment') return;
  if (LITERAL_NODES.has(type)) {
    out.push({ kind: 'literal', text: source.slice(node.startIndex, node.endIndex), range: rangeIn(node, source) });
    return;
  }
  if (type === 'token_tree' || type === 'token_tree_pattern') {
    const group = groupOf(node, source);
    if (group) out.push(group);
    return;
  }
  if (node.childCount === 0) {
    const text = source.slice(node.startIndex, node.endIndex);
    if (text.length > 0) out.push({ kind: /^(r#)?[\p{L}_][\p{L}\p{N}_]*$/u.test(text) ? 'ident' : 'punct', text, range: rangeIn(node, source) });
    return;
  }
  // Anything else (an ERROR node, a pattern-only node read as plain tokens): its leaves.
  for (const child of node.children) if (child) pushToken(child, source, out);
}

/** tree-sitter gives `'a` as `'` + `a`: one lifetime token, as rustc's lexer has it. */
function mergeLifetimes(tokens: TokenTree[]): TokenTree[] {
  const out: TokenTree[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    const next = tokens[i + 1];
    if (token.kind === 'punct' && token.text === "'" && next?.kind === 'ident' && sameSpot(token.range.end, next.range.start)) {
      out.push({ kind: 'lifetime', text: `'${next.text}`, range: { start: token.range.start, end: next.range.end } });
      i++;
      continue;
    }
    out.push(token);
  }
  return out;
}

function sameSpot(a: Range['start'], b: Range['start']): boolean {
  return a.line === b.line && a.character === b.character;
}

/** The tokens' text, for cache keys and messages. */
export function tokensText(tokens: readonly TokenTree[]): string {
  return tokens.map(treeText).join(' ');
}

function treeText(token: TokenTree): string {
  return token.kind === 'group' ? `${token.delim}${tokensText(token.children)}${CLOSING[token.delim]}` : token.text;
}

/** Every token of a tree in order, groups as their two delimiters (for first/last token lookups). */
export function firstRange(token: TokenTree): Range {
  return token.kind === 'group' ? token.open : token.range;
}

export function lastRange(token: TokenTree): Range {
  return token.kind === 'group' ? token.close : token.range;
}

let lastIndex: LineIndex | undefined;

/**
 * A node's LSP range, from its UTF-16 offsets through the text's line index (as items' ranges are made, so
 * ranges relative to an item's start agree with it even where tree-sitter rows differ, e.g. a lone `\r`).
 */
export function rangeIn(node: Node, source: string): Range {
  return rangeAt(source, node.startIndex, node.endIndex);
}

export function rangeAt(source: string, start: number, end: number): Range {
  if (lastIndex?.text !== source) lastIndex = new LineIndex(source);
  return { start: lastIndex.positionAt(start), end: lastIndex.positionAt(end) };
}
