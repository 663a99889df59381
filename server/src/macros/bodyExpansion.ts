import type { Node, Parser, Tree } from 'web-tree-sitter';
import type { Position, Range } from '../engine/types';
import { LineIndex } from '../parsing/lineIndex';
import { parseWithBudget } from '../parsing/treeSitter';
import type { MacroRulesItem } from '../syntax/items';
import { cachedExpansion, MAX_EXPANSION_DEPTH } from './crateExpansion';
import type { Span } from './render';
import { groupOf, type TokenTree } from './tokens';

/**
 * Body-level expansion of the workspace's `macro_rules!` macros: a function's text with every call of such a
 * macro in statement or expression position replaced by its expansion (then the calls that expansion holds,
 * up to the item-level depth limit), for `bodies/` to read like written code. Nothing here knows positions in
 * a file: the expanded text is described by segments (each a piece of the function's own text or of one
 * expansion) and blocks (one per expanded call), and `bodyMap.ts` places them and maps findings back.
 */

/** One expanded call. */
export interface BodyBlock {
  macroName: string;
  /** The expansion as it stands in the expanded text (with the parentheses or `;` its position needs). */
  text: string;
  lines: LineIndex;
  /** Offsets into `text`; call-side ranges relative to `callAnchor`, def-side ones to the definition's start. */
  spans: readonly Span[];
  /** -1: the call is written in the function's text; otherwise the block whose text holds it. */
  parent: number;
  /** The call and the anchor of its call-side spans, in the parent's coordinates (the function's text, or the parent block's text). */
  callRange: Range;
  callAnchor: Position;
  /**
   * The definition: its file, and its identity without its position (`ResolvedMacro.key`), so that an edit
   * above the definition moves related information without expanding anything again (bodyMap.ts places it).
   */
  def: { file: string; key: string };
  /** The rule that matched, relative to the definition's start. */
  ruleRange: Range;
  /** Where the expansion (with what it expanded in turn) is in the expanded text. */
  extent: { start: number; end: number };
  /** The call's input between its delimiters, and where the call sat (for the macro fact kept in its place). */
  tokens: string;
  inClosure: boolean;
  inCatchUnwind: boolean;
}

/** A piece of the expanded text: a copy of the function's text (`block` -1) or of a block's text, from `target`. */
export interface Segment {
  start: number;
  end: number;
  block: number;
  target: number;
}

export interface ExpandedBody {
  text: string;
  lines: LineIndex;
  segments: Segment[];
  blocks: BodyBlock[];
  /** The function's own text. */
  original: LineIndex;
}

export interface ResolvedMacro {
  definition: MacroRulesItem;
  /** The file of the definition (for related information). */
  file: string;
  /** What `$crate` becomes at the call. */
  crateName: string;
  /** The definition's identity without its position: crate name, file and text. */
  key: string;
}

/** The workspace macro a body call names (by its path), or undefined for std, unknown and procedural macros. */
export type BodyResolver = (path: string[], name: string) => ResolvedMacro | undefined;

/** Bounds on one function: beyond them the rest of its calls stay unexpanded (silent). */
const MAX_BLOCKS = 512;
const MAX_TEXT_GROWTH = 64;
const MIN_TEXT_LIMIT = 256 * 1024;
/** Expanded functions are placed in a line space of this many lines each (bodyMap.ts). */
export const MAX_EXPANDED_LINES = 4096;

/**
 * Reads `text` (one function) with its body-level macro calls expanded: `read` gets the function node of the
 * final parse and its text. `expansion` is undefined when nothing was expanded (then `read` saw `text` itself).
 * Undefined when the text cannot be parsed within the budget.
 */
export function expandBody<T>(parser: Parser, text: string, resolve: BodyResolver, read: (fn: Node, source: string) => T): { result: T; expansion: ExpandedBody | undefined; originalHasErrors: boolean } | undefined {
  const original = new LineIndex(text);
  let current = text;
  let segments: Segment[] = [{ start: 0, end: text.length, block: -1, target: 0 }];
  const blocks: BodyBlock[] = [];
  const failed = new Set<string>();
  let originalHasErrors = false;
  const limit = Math.max(MIN_TEXT_LIMIT, text.length * MAX_TEXT_GROWTH);
  // After the first round, only expansions that hold a macro call of their own need their tree searched again.
  let mayHaveCalls = true;
  // Each round's tree, edited where the calls were replaced, makes the next parse incremental.
  let previous: Tree | undefined;
  for (let round = 0; ; round++) {
    const tree = parseWithBudget(parser, current, previous ?? null);
    previous?.delete();
    previous = undefined;
    if (!tree) return round === 0 ? undefined : expandBody(parser, text, () => undefined, read);
    let keep = false;
    try {
      const fn = tree.rootNode.namedChildren.find((c) => c?.type === 'function_item') ?? null;
      if (round === 0) originalHasErrors = fn?.hasError ?? true;
      const body = fn?.childForFieldName('body');
      const lines = new LineIndex(current);
      const replacements: { start: number; end: number; block: BodyBlock }[] = [];
      const full = !mayHaveCalls || round >= MAX_EXPANSION_DEPTH || blocks.length >= MAX_BLOCKS || current.length > limit;
      for (const call of body && !full ? callsIn(body) : []) {
        const segment = segments.find((s) => s.start <= call.startIndex && call.endIndex <= s.end);
        if (!segment) continue;
        const key = `${segment.block}:${segment.target + call.startIndex - segment.start}`;
        if (failed.has(key)) continue;
        const block = expandCall(call, current, lines, segment, segment.block < 0 ? original : blocks[segment.block].lines, resolve);
        if (!block || blocks.length + replacements.length >= MAX_BLOCKS) {
          failed.add(key);
          continue;
        }
        replacements.push({ start: call.startIndex, end: call.endIndex, block });
      }
      if (replacements.length === 0) {
        if (!fn) return undefined;
        const expansion = blocks.length > 0 ? { text: current, lines, segments, blocks, original } : undefined;
        // An expansion that does not parse where the function did is not read (its facts would be incomplete).
        if (expansion && ((fn.hasError && !originalHasErrors) || lines.positionAt(current.length).line >= MAX_EXPANDED_LINES)) return expandBody(parser, text, () => undefined, read);
        return { result: read(fn, current), expansion, originalHasErrors };
      }
      mayHaveCalls = replacements.some((r) => /!\s*[([{]/.test(r.block.text));
      // Last first, so the offsets (and line positions) of the earlier calls still hold.
      for (let i = replacements.length - 1; i >= 0; i--) {
        const { start, end, block } = replacements[i];
        const index = blocks.length;
        blocks.push(block);
        current = current.slice(0, start) + block.text + current.slice(end);
        segments = substitute(segments, blocks, start, end, index);
        const startPosition = lines.positionAt(start);
        tree.edit({
          startIndex: start,
          oldEndIndex: end,
          newEndIndex: start + block.text.length,
          startPosition: point(startPosition),
          oldEndPosition: point(lines.positionAt(end)),
          newEndPosition: point(endAfter(startPosition, block.lines)),
        });
      }
      keep = true;
      previous = tree;
    } finally {
      if (!keep) tree.delete();
    }
  }
}

/** Macro calls in statement or expression position under `body`, outermost only, not inside nested items. */
function callsIn(body: Node): Node[] {
  const calls: Node[] = [];
  const stack: Node[] = [body];
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (node.type === 'macro_invocation') {
      if (inCodePosition(node)) calls.push(node);
      continue;
    }
    if (node !== body && /^(function_item|impl_item|trait_item|mod_item|macro_definition)$/.test(node.type)) continue;
    for (let i = node.namedChildCount - 1; i >= 0; i--) {
      const child = node.namedChild(i);
      if (child) stack.push(child);
    }
  }
  return calls.sort((a, b) => a.startIndex - b.startIndex);
}

function inCodePosition(node: Node): boolean {
  const parent = node.parent;
  if (!parent) return false;
  if (/_pattern$|_type$|^type_arguments$|^attribute/.test(parent.type)) return false;
  if (parent.type === 'let_declaration' && parent.childForFieldName('value')?.id !== node.id) return false;
  return true;
}

function expandCall(call: Node, source: string, lines: LineIndex, segment: Segment, target: LineIndex, resolve: BodyResolver): BodyBlock | undefined {
  const macro = call.childForFieldName('macro');
  const tree = call.namedChildren.find((c) => c?.type === 'token_tree');
  if (!macro || !tree) return undefined;
  const pathText = source.slice(macro.startIndex, macro.endIndex);
  const path = pathText.split('::').map((s) => s.trim());
  const name = path[path.length - 1];
  const resolved = resolve(path, name);
  if (!resolved) return undefined;
  const group = groupOf(tree, source);
  if (!group) return undefined;
  // Ranges in the coordinates of the text the call is written in (the function's, or the block's).
  const toTarget = (offset: number): Position => target.positionAt(segment.target + offset - segment.start);
  const moveRange = (range: Range): Range => ({ start: toTarget(lines.offsetAt(range.start)), end: toTarget(lines.offsetAt(range.end)) });
  const input = retarget(group.children, moveRange);
  const callAnchor = toTarget(call.startIndex);
  const expansion = cachedExpansion(resolved.definition, source.slice(call.startIndex, call.endIndex), input, callAnchor, resolved.crateName);
  if (!expansion) return undefined;
  const [prefix, suffix] = wrapping(call);
  const renamed = hygienic(expansion, source.slice(0, call.startIndex) + source.slice(call.endIndex));
  const text = `${prefix}${renamed.text}${suffix}`;
  const spans = prefix.length === 0 ? renamed.spans : renamed.spans.map((s) => ({ ...s, start: s.start + prefix.length, end: s.end + prefix.length }));
  const place = placeOf(call, source);
  return {
    macroName: name,
    text,
    lines: new LineIndex(text),
    spans,
    parent: segment.block,
    callRange: { start: callAnchor, end: toTarget(call.endIndex) },
    callAnchor,
    def: { file: resolved.file, key: resolved.key },
    ruleRange: expansion.ruleRange,
    extent: { start: call.startIndex, end: call.startIndex + text.length },
    tokens: source.slice(tree.startIndex + 1, tree.endIndex - 1),
    ...place,
  };
}

/**
 * What the expansion needs around it to read as rustc reads it: an expression keeps its grouping in
 * parentheses; a statement-position call (`m!(..);`, or `m! { .. }` without `;`) stands as statements, with a
 * `;` after a braced call that is not the block's value.
 */
function wrapping(call: Node): [string, string] {
  const parent = call.parent;
  if (parent?.type === 'expression_statement') return ['', ''];
  if (parent?.type === 'block') {
    const siblings = parent.namedChildren.filter((c): c is Node => c !== null && !c.type.endsWith('comment'));
    return siblings[siblings.length - 1]?.id === call.id ? ['', ''] : ['', ';'];
  }
  return ['(', ')'];
}

/**
 * rustc's hygiene: a local a macro binds with a name of its own (`let s = ..` written in the definition) is not
 * the caller's `s`. `bodies/` follows values by name, so where the caller's text uses the same name, the
 * macro's local is read as the raw identifier `r#s` (a name no caller's `s` matches); a `let $name = ..` binds
 * the caller's own name and keeps it.
 */
function hygienic(expansion: { text: string; spans: readonly Span[] }, callerText: string): { text: string; spans: readonly Span[] } {
  const { spans, text } = expansion;
  const tokenText = (span: Span) => text.slice(span.start, span.end);
  const own = new Set<string>();
  for (let i = 0; i < spans.length; i++) {
    if (spans[i].side !== 'def' || tokenText(spans[i]) !== 'let') continue;
    let j = i + 1;
    while (j < spans.length && /^(?:mut|ref)$/.test(tokenText(spans[j]))) j++;
    const bound = spans[j];
    const name = bound && tokenText(bound);
    if (bound?.side === 'def' && /^[A-Za-z_]\w*$/.test(name) && name !== '_' && new RegExp(`\\b${name}\\b`).test(callerText)) own.add(name);
  }
  if (own.size === 0) return expansion;
  const parts: string[] = [];
  const moved: Span[] = [];
  let at = 0;
  let length = 0;
  for (const span of spans) {
    const gap = text.slice(at, span.start);
    const token = tokenText(span);
    const written = span.side === 'def' && own.has(token) ? `r#${token}` : token;
    parts.push(gap, written);
    moved.push({ ...span, start: length + gap.length, end: length + gap.length + written.length });
    length += gap.length + written.length;
    at = span.end;
  }
  parts.push(text.slice(at));
  return { text: parts.join(''), spans: moved };
}

/** Whether the call sits inside a closure, and inside the arguments of `catch_unwind`. */
function placeOf(call: Node, source: string): { inClosure: boolean; inCatchUnwind: boolean } {
  let inClosure = false;
  let inCatchUnwind = false;
  for (let child: Node = call, parent = call.parent; parent; child = parent, parent = parent.parent) {
    if (parent.type === 'closure_expression') inClosure = true;
    if (parent.type === 'call_expression' && child.type === 'arguments') {
      const fn = parent.childForFieldName('function');
      if (fn && /\bcatch_unwind$/.test(source.slice(fn.startIndex, fn.endIndex))) inCatchUnwind = true;
    }
    if (parent.type === 'function_item') break;
  }
  return { inClosure, inCatchUnwind };
}

function retarget(tokens: readonly TokenTree[], move: (range: Range) => Range): TokenTree[] {
  return tokens.map((token) => (token.kind === 'group' ? { ...token, open: move(token.open), close: move(token.close), children: retarget(token.children, move) } : { ...token, range: move(token.range) }));
}

/** The segments after `[start, end)` of the expanded text became block `index`'s text; extents grow or move with it. */
function substitute(segments: Segment[], blocks: BodyBlock[], start: number, end: number, index: number): Segment[] {
  const length = blocks[index].text.length;
  const delta = length - (end - start);
  const out: Segment[] = [];
  for (const s of segments) {
    if (s.end <= start) out.push(s);
    else if (s.start >= end) out.push({ ...s, start: s.start + delta, end: s.end + delta });
    else {
      if (s.start < start) out.push({ ...s, end: start });
      out.push({ start, end: start + length, block: index, target: 0 });
      if (s.end > end) out.push({ start: start + length, end: s.end + delta, block: s.block, target: s.target + (end - s.start) });
    }
  }
  for (let i = 0; i < index; i++) {
    const extent = blocks[i].extent;
    if (extent.start >= end) blocks[i].extent = { start: extent.start + delta, end: extent.end + delta };
    else if (extent.start <= start && extent.end >= end) blocks[i].extent = { start: extent.start, end: extent.end + delta };
  }
  return out;
}

/** tree-sitter points as the project gives them: LSP line and UTF-16 column (rows are never read back). */
function point(position: Position): { row: number; column: number } {
  return { row: position.line, column: position.character };
}

/** Where inserted text that starts at `start` ends. */
function endAfter(start: Position, inserted: LineIndex): Position {
  const end = inserted.positionAt(inserted.text.length);
  return end.line === 0 ? { line: start.line, character: start.character + end.character } : { line: start.line + end.line, character: end.character };
}
