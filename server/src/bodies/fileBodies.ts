import type { Node } from 'web-tree-sitter';
import type { LineIndex } from '../parsing/lineIndex';
import { ownCopy } from '../parsing/ownCopy';
import type { FunctionItem } from '../syntax/items';
import type { FileSyntax } from '../syntax/itemTypes';
import { allItems } from '../syntax/itemWalk';
import { BodySource, extractBodyFactsFrom } from './extract';
import type { BodyFacts } from './facts';

/** A function's facts read from its file's tree: `text` is a copy of its own text (the cache's key), `facts` sit in the file's positions. */
export interface PreReadBody {
  text: string;
  facts: BodyFacts;
  /** Their estimated size (BodySource.bytes), for the cache's budget. */
  bytes: number;
}

/**
 * The body facts of every function of a file with a body, read from the file's own tree while it is live, so
 * `bodyOf` need not parse each function's text a second time (half the cost of a cold analysis). Keyed by the
 * function's start offset; `bodyOf` takes each out as it reads it, and the rest go when the analysis ends
 * (`releaseBodyFacts`). A function whose node has a syntax error is left out: the tree-sitter recovery
 * inside a file need not be the one of its text alone, and the cache is keyed by that text, so such a function
 * is parsed alone as before. An error-free function node reads the same tokens to the same tree either way
 * (test/unit/fileBodies.test.ts compares them).
 */
export function readFileBodies(root: Node, text: string, lines: LineIndex, syntax: FileSyntax): Map<number, PreReadBody> {
  const read = new Map<number, PreReadBody>();
  for (const fn of functionsOf(syntax)) {
    if (!fn.hasBody || read.has(fn.startOffset)) continue;
    const body = readBodyAt(root, text, lines, fn);
    if (body) read.set(fn.startOffset, body);
  }
  return read;
}

/**
 * One function's facts read from the tree of its file's text (an open document's live tree, on a keystroke's
 * cache miss), or undefined where it must be parsed alone (see readFileBodies).
 */
export function readBodyAt(root: Node, text: string, lines: LineIndex, fn: FunctionItem): PreReadBody | undefined {
  const node = functionNodeAt(root, fn.startOffset, fn.endOffset);
  if (!node || node.hasError) return undefined;
  const own = ownCopy(text.slice(fn.startOffset, fn.endOffset));
  // The file was parsed with edition 2024's `safe` qualifiers masked (parsing/safeQualifierMask.ts), a text alone is not.
  if (SAFE_QUALIFIER.test(own)) return undefined;
  try {
    const source = new BodySource(own, fn.startOffset, lines);
    const facts = extractBodyFactsFrom(node, source);
    return { text: own, facts, bytes: source.bytes };
  } catch {
    // Left to `bodyOf`, which reads it alone and records what failed.
    return undefined;
  }
}

function* functionsOf(syntax: FileSyntax): Generator<FunctionItem> {
  for (const item of allItems(syntax.module)) {
    if (item.kind === 'function') yield item;
    else if (item.kind === 'impl' || item.kind === 'trait') yield* item.functions;
  }
}

const SAFE_QUALIFIER = /\bsafe\s+(?:fn|static)\b/;

/** The `function_item` node spanning exactly [start, end). */
function functionNodeAt(root: Node, start: number, end: number): Node | undefined {
  for (let node = root.descendantForIndex(start, end); node; node = node.parent) {
    if (node.startIndex < start || node.endIndex > end) return undefined;
    if (node.type === 'function_item' && node.startIndex === start && node.endIndex === end) return node;
  }
  return undefined;
}
