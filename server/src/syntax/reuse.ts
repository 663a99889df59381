// Incremental item extraction for open documents (issue 17): after an edit, only the top-level items the edit
// touched are read from the new tree; every other one is taken from the previous extraction, moved to where it
// is now. The result must equal a fresh `extractFileSyntax` of the new text (test/unit/incrementalSyntax.test.ts).
import type { LineIndex } from '../parsing/lineIndex';
import type { SourceChange } from '../parsing/rustSource';
import { ownCopy } from '../parsing/ownCopy';
import { positionIn } from './nodes';
import { unreadItemsOf } from './itemWalk';
import type { ContainerItem, ExternBlockItem, FunctionItem, ImplItem, Item, ModItem } from './itemTypes';

/**
 * What an open document read from its previous tree, offered top-level item by top-level item (ExtractionCache).
 * A unit is one top-level item node with the attributes and comments before it, [start, end) of `source`.
 */
export interface TopLevelReuse {
  /** What the unit read to before, moved to where it is now (`item` undefined: nothing); undefined: read it again. */
  reused(start: number, end: number): { item: Item | undefined } | undefined;
  /** What the unit read to now. */
  record(start: number, end: number, item: Item | undefined): void;
  /** Extraction ran to its end (the records are complete). */
  finish(): void;
}

/**
 * One top-level unit (an item node with the attributes and comments before it) as last read. `start`/`end` and
 * the guard are offsets of the current text, moved by every edit since; `readStart`/`readLine` are where the unit
 * started when it was read. The guard runs from the character before the first line of the unit (the line break
 * that makes that line start where it does) to the character after it: an edit or a changed syntax range that
 * meets it means the unit is read again. Outside the guard the unit's text, and every line break from its first
 * line on, is what it was, so each of its positions moves by whole lines and keeps its character.
 */
interface UnitRecord {
  start: number;
  end: number;
  guardStart: number;
  guardEnd: number;
  readStart: number;
  readLine: number;
  readCharacter: number;
  item: Item | undefined;
}

/** Per open document: the units of its last complete extraction, kept in step with its edits. */
export class ExtractionCache {
  private units: UnitRecord[] = [];
  /** Units not met by the edits since, by their current start. */
  private byStart: Map<number, UnitRecord> | undefined;
  /** How many top-level units the last complete extraction took from its predecessor, and how many it read. */
  lastExtraction = { reused: 0, read: 0 };

  /** The document was edited: move the units past each edit, forget those it (or a changed syntax range) met. */
  update(change: SourceChange): void {
    this.byStart = undefined;
    if (change.full) {
      this.units = [];
      return;
    }
    let units = this.units;
    for (const { start, oldEnd, newEnd } of change.edits) {
      const delta = newEnd - oldEnd;
      const kept: UnitRecord[] = [];
      for (const unit of units) {
        // Closed intervals: an insertion right at the guard's edge counts as touching it.
        if (start <= unit.guardEnd && oldEnd >= unit.guardStart) continue;
        if (oldEnd < unit.guardStart && delta !== 0) {
          unit.start += delta;
          unit.end += delta;
          unit.guardStart += delta;
          unit.guardEnd += delta;
        }
        kept.push(unit);
      }
      units = kept;
    }
    const ranges = change.changedRanges;
    this.units = ranges.length === 0 ? units : units.filter((unit) => !ranges.some((r) => r.start <= unit.guardEnd && r.end >= unit.guardStart));
  }

  /** One extraction of `source` (the document's current text), reusing this cache; it replaces the cache when it finishes. */
  session(source: string, lines: LineIndex): TopLevelReuse {
    const fresh: UnitRecord[] = [];
    const readNow: Item[] = [];
    const counts = { reused: 0, read: 0 };
    const byStart = (this.byStart ??= new Map(this.units.map((unit) => [unit.start, unit])));
    return {
      reused: (start, end) => {
        const unit = byStart.get(start);
        if (!unit || unit.end !== end) return undefined;
        const position = lines.positionAt(start);
        // Cannot differ outside the guard; checked because a wrong position would be silent.
        if (position.character !== unit.readCharacter) return undefined;
        const item = unit.item && movedItem(unit.item, position.line - unit.readLine, start - unit.readStart);
        fresh.push({ ...unit, readStart: start, readLine: position.line, item });
        counts.reused++;
        return { item };
      },
      record: (start, end, item) => {
        const { line, character } = positionIn(source, start);
        counts.read++;
        if (item) readNow.push(item);
        fresh.push({ start, end, guardStart: start - character - 1, guardEnd: end, readStart: start, readLine: line, readCharacter: character, item });
      },
      finish: () => {
        // Strings read from a text are views of it: an item kept from an old revision would keep that whole text
        // alive, one text per revision. Items read beside reused ones get their own strings, so at most the text
        // of the last extraction that read everything stays behind.
        if (counts.reused > 0) for (const item of readNow) detachStrings(item);
        // A unit whose reading failed inside an inline module holds the error: read it again next time, so the
        // failure is seen (and recorded) as it would be from scratch.
        this.units = fresh.filter((unit) => !(unit.item?.kind === 'mod' && unit.item.body && unreadItemsOf(unit.item.body).some((u) => u.error !== undefined)));
        this.byStart = undefined;
        this.lastExtraction = counts;
      },
    };
  }
}

/** Longer strings sliced from a text are views of it (shorter ones are copied by V8 anyway). */
const VIEW_MIN_LENGTH = 13;

/** Replaces, in place, every string in `item` by one that shares no memory with the text it was read from. */
function detachStrings(item: Item): void {
  const seen = new Set<object>();
  const stack: object[] = [item];
  for (let next = stack.pop(); next; next = stack.pop()) {
    if (seen.has(next) || (!Array.isArray(next) && Object.getPrototypeOf(next) !== Object.prototype)) continue;
    seen.add(next);
    const record = next as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      const field = record[key];
      if (typeof field === 'string' && field.length >= VIEW_MIN_LENGTH) record[key] = ownCopy(field);
      else if (field !== null && typeof field === 'object') stack.push(field);
    }
  }
}

/**
 * `item` with every position moved down by `lines` (characters stay) and every `startOffset`/`endOffset` moved by
 * `offset`; the same object when neither moves. A deep copy (items point at their container, so shared objects
 * and cycles are copied once), token trees of macros included, unlike macros/shift.ts's copies, which share them.
 * When only offsets move (a keystroke that adds no line), only functions carry them: they and their containers
 * are copied, everything else is shared.
 */
export function movedItem(item: Item, lines: number, offset: number): Item {
  if (lines === 0 && offset === 0) return item;
  if (lines === 0 && item.kind !== 'mod') return withOffsetsMoved(item, offset);
  return copy(item, lines, offset, new Map()) as Item;
}

function withOffsetsMoved(item: Exclude<Item, ModItem>, offset: number): Item {
  const moved = <T extends FunctionItem>(fn: T, container: ContainerItem | undefined): T => ({ ...fn, startOffset: fn.startOffset + offset, endOffset: fn.endOffset + offset, container });
  switch (item.kind) {
    case 'function':
      return moved(item, undefined);
    case 'impl':
    case 'trait': {
      if (item.functions.length === 0) return item;
      const impl: ImplItem = { ...item };
      impl.functions = item.functions.map((fn) => moved(fn, impl));
      impl.consts = item.consts.map((c) => ({ ...c, container: impl }));
      return impl;
    }
    case 'externBlock': {
      if (item.functions.length === 0) return item;
      const block: ExternBlockItem = { ...item };
      block.functions = item.functions.map((fn) => moved(fn, block));
      block.statics = item.statics.map((s) => ({ ...s, container: block }));
      return block;
    }
    default:
      // No other item holds an offset (the equivalence test compares every field with a fresh extraction).
      return item;
  }
}

function copy(value: unknown, lines: number, offset: number, seen: Map<object, unknown>): unknown {
  if (value === null || typeof value !== 'object') return value;
  // Arrays and positions hold no cycle (only items point back, at their container): copied without `seen`,
  // which is most of the objects.
  if (Array.isArray(value)) return value.map((element: unknown) => copy(element, lines, offset, seen));
  const record = value as Record<string, unknown>;
  if (typeof record.line === 'number' && typeof record.character === 'number' && Object.keys(record).length === 2) {
    return lines === 0 ? value : { line: record.line + lines, character: record.character };
  }
  const done = seen.get(value);
  if (done !== undefined) return done;
  // Only plain records are item data; anything else (an Error of an unread item) is kept as it is.
  if (Object.getPrototypeOf(value) !== Object.prototype) return value;
  const out: Record<string, unknown> = {};
  seen.set(value, out);
  for (const key of Object.keys(record)) {
    const field = record[key];
    out[key] = (key === 'startOffset' || key === 'endOffset') && typeof field === 'number' ? field + offset : copy(field, lines, offset, seen);
  }
  return out;
}
