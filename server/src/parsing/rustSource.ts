import type { Parser, Tree } from 'web-tree-sitter';
import type { Range } from '../engine/types';
import { endPositionAfterInsert, lineIndexOf, remember, type LineIndex } from './lineIndex';
import { findSafeQualifiers, maskSafeQualifiers, SAFE_KEYWORD_LENGTH } from './safeQualifierMask';
import { parseWithBudget } from './treeSitter';

/** An edit as LSP sends it: a range of the previous text (or none: replace everything) and its new text. */
export interface ContentChange {
  range?: Range;
  text: string;
}

/** One replacement in offsets of the text before it (edits apply in order): [start, oldEnd) became [start, newEnd). */
export interface TextEdit {
  start: number;
  oldEnd: number;
  newEnd: number;
}

/**
 * What `applyChanges` did to the text and tree, for reuse of what was read from the previous tree: the edits in
 * order, then the ranges (offsets of the new text) whose syntax tree-sitter says changed. `full`: the whole text
 * was replaced or not parsed incrementally, so nothing of before carries over.
 */
export type SourceChange = { full: true } | { full: false; edits: TextEdit[]; changedRanges: { start: number; end: number }[] };

/**
 * One Rust file's text and its tree. Open documents keep their tree between keystrokes and are reparsed
 * incrementally (`tree.edit` + `parse(text, oldTree)`); everything else is parsed once. A parse that runs out
 * of its time budget leaves an empty tree and `timedOut` set: the file is then treated as having no items.
 */
export class RustSource {
  private safeOffsets: number[];
  private lines: LineIndex | undefined;

  private constructor(
    private readonly parser: Parser,
    private currentText: string,
    private currentTree: Tree,
    safeOffsets: number[],
    private parseTimedOut: boolean,
  ) {
    this.safeOffsets = safeOffsets;
  }

  static parse(parser: Parser, text: string): RustSource {
    const safeOffsets = findSafeQualifiers(text);
    const tree = parseWithBudget(parser, maskSafeQualifiers(text, safeOffsets));
    return new RustSource(parser, text, tree ?? emptyTree(parser), safeOffsets, tree === undefined);
  }

  /** The last parse ran out of time: `tree` is empty, not the tree of `text`. */
  get timedOut(): boolean {
    return this.parseTimedOut;
  }

  get text(): string {
    return this.currentText;
  }

  get tree(): Tree {
    return this.currentTree;
  }

  /** The text's line index, the one every reader of this revision shares (parsing/lineIndex.ts). */
  get lineIndex(): LineIndex {
    this.lines ??= lineIndexOf(this.currentText);
    return this.lines;
  }

  /** Applies LSP content changes in order and reparses incrementally. */
  applyChanges(changes: readonly ContentChange[]): SourceChange {
    const edits: TextEdit[] = [];
    let text = this.currentText;
    let oldSafe = this.safeOffsets;
    const tree = this.currentTree;
    // The empty tree left by a timed-out parse cannot be edited into the new text's: parse from scratch.
    let fullReplace = this.parseTimedOut;
    // Each change is in the text the previous one left; the index of each text is made from the one before it.
    let index: LineIndex | undefined = this.lineIndex;
    for (const change of changes) {
      if (!change.range) {
        text = change.text;
        index = undefined;
        fullReplace = true;
        continue;
      }
      index ??= lineIndexOf(text);
      const startIndex = index.offsetAt(change.range.start);
      const oldEndIndex = Math.max(startIndex, index.offsetAt(change.range.end));
      const startPosition = index.positionAt(startIndex);
      const oldEndPosition = index.positionAt(oldEndIndex);
      const newEndIndex = startIndex + change.text.length;
      index = index.edited(startIndex, oldEndIndex, change.text);
      text = index.text;
      if (fullReplace) continue;
      edits.push({ start: startIndex, oldEnd: oldEndIndex, newEnd: newEndIndex });
      tree.edit({
        startIndex,
        oldEndIndex,
        newEndIndex,
        startPosition: toPoint(startPosition),
        oldEndPosition: toPoint(oldEndPosition),
        newEndPosition: toPoint(endPositionAfterInsert(startPosition, change.text)),
      });
      const delta = newEndIndex - oldEndIndex;
      oldSafe = oldSafe
        .filter((o) => o + SAFE_KEYWORD_LENGTH <= startIndex || o >= oldEndIndex)
        .map((o) => (o >= oldEndIndex ? o + delta : o));
    }
    this.currentText = text;
    this.lines = index ? remember(index) : undefined;
    const newSafe = findSafeQualifiers(text);
    if (!fullReplace) edits.push(...this.markMaskChanges(tree, oldSafe, newSafe));
    this.safeOffsets = newSafe;
    const reparsed = parseWithBudget(this.parser, maskSafeQualifiers(text, newSafe), fullReplace ? null : tree);
    const changedRanges = reparsed && !fullReplace ? tree.getChangedRanges(reparsed).map((r) => ({ start: r.startIndex, end: r.endIndex })) : undefined;
    tree.delete();
    this.currentTree = reparsed ?? emptyTree(this.parser);
    this.parseTimedOut = reparsed === undefined;
    return changedRanges ? { full: false, edits, changedRanges } : { full: true };
  }

  /**
   * A `safe` that became masked or unmasked outside the edited range still changes what the parser sees; each
   * is returned as a same-length edit.
   */
  private markMaskChanges(tree: Tree, before: readonly number[], after: readonly number[]): TextEdit[] {
    const a = new Set(before);
    const b = new Set(after);
    const changed = [...before.filter((o) => !b.has(o)), ...after.filter((o) => !a.has(o))];
    if (changed.length === 0) return [];
    const index = this.lineIndex;
    for (const offset of changed) {
      const start = index.positionAt(offset);
      const end = index.positionAt(offset + SAFE_KEYWORD_LENGTH);
      tree.edit({
        startIndex: offset,
        oldEndIndex: offset + SAFE_KEYWORD_LENGTH,
        newEndIndex: offset + SAFE_KEYWORD_LENGTH,
        startPosition: toPoint(start),
        oldEndPosition: toPoint(end),
        newEndPosition: toPoint(end),
      });
    }
    return changed.map((offset) => ({ start: offset, oldEnd: offset + SAFE_KEYWORD_LENGTH, newEnd: offset + SAFE_KEYWORD_LENGTH }));
  }

  dispose(): void {
    this.currentTree.delete();
  }
}

function emptyTree(parser: Parser): Tree {
  const tree = parser.parse('');
  if (!tree) throw new Error('tree-sitter returned no tree');
  return tree;
}

function toPoint(position: { line: number; character: number }): { row: number; column: number } {
  return { row: position.line, column: position.character };
}
