import type { CrateModel } from '../crate/crateModel';
import type { Location, Position, Range } from '../engine/types';
import { MAX_EXPANDED_LINES, type ExpandedBody, type Segment } from './bodyExpansion';
import { absolute, spanAt, spanBefore, type Span } from './render';

/**
 * Where the facts of a function read with its body-level macro calls expanded (bodyExpansion.ts) sit, and how
 * a finding there gets back to the user's text. All positions of such a function are positions of its
 * expanded text, placed in a line space of their own: line `VIRTUAL_BASE + start.line * MAX_EXPANDED_LINES +
 * line` for a function that starts on line `start.line` (placement is then a pure function of the start, so
 * facts cached by text and placed for one crate model hold for the next). Each crate model records which
 * expanded functions it placed; `findingMap.ts` asks here for locations on those lines:
 * - inside the function's own text: the same place in the file, the message unchanged;
 * - inside an expansion: the outermost macro call (or the call's own tokens when the whole range is made of
 *   them), and the macro rule's line that produced the code.
 */

/** Far past any line of a real file or an item-level expansion. */
export const VIRTUAL_BASE = 1 << 24;

export function isBodyVirtual(position: Position): boolean {
  return position.line >= VIRTUAL_BASE;
}

/** The first line of the expanded function that starts on `startLine`. */
export function virtualBase(startLine: number): number {
  return VIRTUAL_BASE + startLine * MAX_EXPANDED_LINES;
}

interface Registered {
  start: Position;
  body: ExpandedBody;
  /** Where the definitions the blocks come from start in this crate model (`BodyBlock.def.key` → position). */
  anchors: ReadonlyMap<string, Position>;
}

/** file → first virtual line → the expanded function placed there. */
export type BodyRegistry = Map<string, Map<number, Registered>>;

const registries = new WeakMap<CrateModel, BodyRegistry>();

/**
 * Records that `crate` reads the function starting at `start` of `file` as `body`. False when another
 * function starting on the same line already has that line space (its facts must then be read unexpanded).
 */
export function registerBody(crate: CrateModel, file: string, start: Position, body: ExpandedBody, anchors: ReadonlyMap<string, Position>): boolean {
  let registry = registries.get(crate);
  if (!registry) registries.set(crate, (registry = new Map()));
  let byLine = registry.get(file);
  if (!byLine) registry.set(file, (byLine = new Map()));
  const base = virtualBase(start.line);
  const existing = byLine.get(base);
  if (existing) return existing.start.character === start.character && existing.body === body;
  byLine.set(base, { start, body, anchors });
  return true;
}

/** The expanded text of the function at `start` and how a placed position reads in it (for guard trees). */
export function expandedSource(crate: CrateModel, file: string, start: Position): { text: string; offsetOf(position: Position): number } | undefined {
  const registered = registries.get(crate)?.get(file)?.get(virtualBase(start.line));
  if (!registered || registered.start.character !== start.character) return undefined;
  const base = virtualBase(start.line);
  const { lines } = registered.body;
  return { text: lines.text, offsetOf: (position) => lines.offsetAt({ line: position.line - base, character: position.character }) };
}

/** The registries of a crate and its dependencies, one map (their files differ). */
export function bodyRegistriesOf(crate: CrateModel, into: BodyRegistry = new Map(), seen = new Set<CrateModel>()): BodyRegistry {
  if (seen.has(crate)) return into;
  seen.add(crate);
  for (const [file, byLine] of registries.get(crate) ?? []) {
    const merged = into.get(file) ?? new Map<number, Registered>();
    for (const [line, registered] of byLine) merged.set(line, registered);
    into.set(file, merged);
  }
  for (const dependency of crate.dependencies.values()) bodyRegistriesOf(dependency, into, seen);
  return into;
}

export interface BodyMapped {
  /** May still lie in an item-level expansion (a function a macro wrote): findingMap.ts maps on. */
  location: Location;
  /** The outermost body-level macro, undefined when the range is the function's own text. */
  macro: string | undefined;
  producedBy: Location | undefined;
}

/** Maps locations on the virtual lines of expanded functions (see the top of this file). */
export class BodyLocator {
  constructor(private readonly registry: BodyRegistry) {}

  locate(location: Location): BodyMapped | undefined {
    const { start, end } = location.range;
    const base = VIRTUAL_BASE + Math.floor((start.line - VIRTUAL_BASE) / MAX_EXPANDED_LINES) * MAX_EXPANDED_LINES;
    const registered = this.registry.get(location.file)?.get(base);
    if (!registered) return undefined;
    const at = new Placed(location.file, registered);
    const { body } = registered;
    const from = body.lines.offsetAt({ line: start.line - base, character: start.character });
    const to = end.line >= base && end.line < base + MAX_EXPANDED_LINES ? Math.max(from, body.lines.offsetAt({ line: end.line - base, character: end.character })) : body.text.length;
    const first = segmentAt(body.segments, from);
    const last = segmentAt(body.segments, to > from ? to - 1 : from);
    if (!first || !last) return undefined;
    if (first.block < 0) {
      const endPosition = last.block < 0 ? at.real(last, to) : at.rootCallEnd(last.block);
      return { location: { file: location.file, range: { start: at.real(first, from), end: endPosition } }, macro: undefined, producedBy: undefined };
    }
    const offset = first.target + from - first.start;
    return at.inBlock(first.block, offset, at.endIn(first.block, last, to, offset));
  }
}

/** One registered function's blocks, with positions placed at its start. */
class Placed {
  private readonly blocks: ExpandedBody['blocks'];

  constructor(
    private readonly file: string,
    private readonly registered: Registered,
  ) {
    this.blocks = registered.body.blocks;
  }

  /** A position of the function's own text, in the file. */
  realPosition(position: Position): Position {
    const { start } = this.registered;
    return { line: position.line + start.line, character: position.line === 0 ? position.character + start.character : position.character };
  }

  real(segment: Segment, offset: number): Position {
    return this.realPosition(this.registered.body.original.positionAt(segment.target + offset - segment.start));
  }

  /** The end of the call, written in the function's text, that block `index` comes from (through its parents). */
  rootCallEnd(index: number): Position {
    let block = this.blocks[index];
    while (block.parent >= 0) block = this.blocks[block.parent];
    return this.realPosition(block.callRange.end);
  }

  /** Where a range that starts in block `index` ends in that block's text. */
  endIn(index: number, last: Segment, to: number, from: number): number {
    const block = this.blocks[index];
    if (last.block === index) return Math.max(from, last.target + to - last.start);
    for (let inner = last.block; inner >= 0; inner = this.blocks[inner].parent) {
      if (this.blocks[inner].parent === index) return Math.max(from, block.lines.offsetAt(this.blocks[inner].callRange.end));
    }
    return block.text.length;
  }

  inBlock(index: number, from: number, to: number): BodyMapped {
    const block = this.blocks[index];
    const outer = block.parent < 0 ? undefined : this.inParent(block.parent, block.callRange);
    const callSite: Location = outer?.location ?? { file: this.file, range: { start: this.realPosition(block.callRange.start), end: this.realPosition(block.callRange.end) } };
    const macro = outer?.macro ?? block.macroName;
    const first = spanAt(block.spans, from);
    const last = to > from ? spanBefore(block.spans, to) : first;
    const anchor = this.registered.anchors.get(block.def.key);
    const producedBy: Location | undefined = !anchor
      ? outer?.producedBy
      : first?.side === 'def'
        ? { file: block.def.file, range: lineOf(absolute(first.range, anchor)) }
        : (outer?.producedBy ?? { file: block.def.file, range: lineOf(absolute(block.ruleRange, anchor)) });
    if (first?.side === 'call' && last?.side === 'call') {
      const a = this.callToken(index, first);
      const b = this.callToken(index, last);
      if (a && b && (a.start.line < b.end.line || (a.start.line === b.end.line && a.start.character <= b.end.character))) {
        return { location: { file: this.file, range: { start: a.start, end: b.end } }, macro, producedBy };
      }
    }
    return { location: callSite, macro, producedBy };
  }

  private inParent(parent: number, range: Range): BodyMapped {
    const lines = this.blocks[parent].lines;
    return this.inBlock(parent, lines.offsetAt(range.start), lines.offsetAt(range.end));
  }

  /** Where a token written at the call is, when it is written in the function's text (through the calls it was passed down). */
  private callToken(index: number, span: Span): Range | undefined {
    const block = this.blocks[index];
    const range = absolute(span.range, block.callAnchor);
    if (block.parent < 0) return { start: this.realPosition(range.start), end: this.realPosition(range.end) };
    const parent = this.blocks[block.parent];
    const first = spanAt(parent.spans, parent.lines.offsetAt(range.start));
    const last = spanBefore(parent.spans, parent.lines.offsetAt(range.end));
    if (first?.side !== 'call' || last?.side !== 'call') return undefined;
    const a = this.callToken(block.parent, first);
    const b = this.callToken(block.parent, last);
    return a && b ? { start: a.start, end: b.end } : undefined;
  }
}

function segmentAt(segments: readonly Segment[], offset: number): Segment | undefined {
  let low = 0;
  let high = segments.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (segments[mid].start <= offset) low = mid;
    else high = mid - 1;
  }
  return segments[low];
}

function lineOf(range: Range): Range {
  return { start: range.start, end: range.start.line === range.end.line ? range.end : range.start };
}
