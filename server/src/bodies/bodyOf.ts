import type { Parser } from 'web-tree-sitter';
import type { CrateModel } from '../crate/crateModel';
import type { ParsedFile } from '../crate/fileStore';
import type { Position } from '../engine/types';
import type { FunctionItem } from '../syntax/items';
import { recordInternalError } from '../engine/internalErrors';
import { ownCopy } from '../parsing/ownCopy';
import { parseWithBudget } from '../parsing/treeSitter';
import { EMPTY_FACTS, emptyFacts, type BodyFacts } from './facts';
import { BodySource, extractBodyFactsFrom, VIEW_MIN_LENGTH } from './extract';
import { lineIndexOf } from '../parsing/lineIndex';
import { readBodyAt, type PreReadBody } from './fileBodies';
import { expandedFacts, placeExpanded } from './expandedFacts';
import type { ExpandedBody } from '../macros/bodyExpansion';
import { registerBody } from '../macros/bodyMap';
import { bodyMacrosOf, type BodyMacros } from '../macros/bodyScope';

/**
 * The facts cache. A count-bounded LRU smaller than the crate is evicted within one analysis (every rule walks
 * every export) and then misses on every lookup: 8,000 exports took 11 s per analysis. So it is sized by the
 * crate, in estimated bytes of the facts (about 30 times the function's text; sizing by text let 3 MB of text hold
 * 180 MB of facts):
 * - each crate model keeps the entries it used, so nothing is evicted during its analysis;
 * - across analyses, an LRU keeps at least twice the facts of the largest crate seen (each keystroke makes a new
 *   model of mostly the same functions), and at least MIN_CACHE_BYTES, but never more than MAX_CACHE_BYTES.
 */
const MIN_CACHE_BYTES = 8 * 1024 * 1024;
const MAX_CACHE_BYTES = 1024 * 1024 * 1024;

interface Entry {
  /** Its key in the cache: a copy of its own, sharing no memory with a file's text. */
  key: string;
  /**
   * The facts, placed where the function was last asked for (`at`; 0:0 is the function's own text). One copy:
   * a move re-places it from there, so repeated analyses of an unchanged file do not shift again.
   */
  facts: BodyFacts;
  at: Position;
  /** The body as read with its workspace macro calls expanded (`facts` then stay relative; `placedExpanded` is on its virtual lines). */
  expansion?: ExpandedBody;
  placedExpanded?: { line: number; character: number; facts: BodyFacts };
  /** What the entry counts for in the cache: its key and the expanded text, and its facts (estimated). */
  bytes: number;
}

/** Function text → facts. Shared by all crates: the same text always gives the same relative facts. */
const cache = new Map<string, Entry>();
let cacheBytes = 0;
let capacityBytes = MIN_CACHE_BYTES;

/** The entries one crate model has used, and their bytes (the model lives for one analysis, then this goes too). */
const usedByCrate = new WeakMap<CrateModel, { entries: Map<string, Entry>; bytes: number; byFunction: Map<FunctionItem, BodyFacts>[] }>();

/**
 * The facts of a function's body, in real positions of `crate`'s file. Parsed on first request and cached by
 * the function's text, so an edit re-analyses only the function it touched. A function without a body (or
 * whose file is not in the crate) has empty facts.
 *
 * With `expand` (the body rules, through `factsOf`), calls of the workspace's own macros are read expanded
 * (macros/bodyExpansion.ts): the facts of such a function are then positions of its expanded text, on virtual
 * lines that only `findingMap.ts` (findings) and `expandedSource` (its text) can read. Readers that take
 * positions back to the file's text (host interface readers, probes) read bodies as written.
 */
export function bodyOf(crate: CrateModel, fn: FunctionItem, file: string, expand = false): BodyFacts {
  if (!fn.hasBody) return EMPTY_FACTS;
  const parsed = crate.files.get(file);
  if (!parsed) return EMPTY_FACTS;
  let used = usedByCrate.get(crate);
  if (!used) {
    used = { entries: new Map(), bytes: 0, byFunction: [new Map(), new Map()] };
    usedByCrate.set(crate, used);
  }
  // Rules ask for the same bodies many times per model: the answer is the same (and its text is hashed once).
  const asked = used.byFunction[expand ? 1 : 0];
  const known = asked.get(fn);
  if (known) return known;
  const facts = lookUpFacts(crate, used, fn, file, parsed, expand);
  asked.set(fn, facts);
  return facts;
}

function lookUpFacts(crate: CrateModel, used: { entries: Map<string, Entry>; bytes: number }, fn: FunctionItem, file: string, parsed: ParsedFile, expand: boolean): BodyFacts {
  const text = parsed.text.slice(fn.startOffset, fn.endOffset);
  // Calls of the workspace's own macros are read expanded (the key then names the definitions too).
  const macros = expand ? bodyMacrosOf(crate, fn, text) : undefined;
  const key = macros ? macros.cacheKey : text;
  let entry = used.entries.get(key);
  // Read from the file's tree when it was parsed (crate/fileStore.ts): taken out either way, it is needed once.
  const preRead = macros ? undefined : parsed.bodies?.get(fn.startOffset);
  if (preRead) parsed.bodies?.delete(fn.startOffset);
  if (!entry) {
    // Else, in an open document, from its live tree when the cache misses (the function a keystroke edited).
    const read = (): PreReadBody | undefined => {
      if (preRead) return preRead.text === key ? preRead : undefined;
      const tree = macros ? undefined : parsed.liveTree?.();
      return tree ? readBodyAt(tree.rootNode, parsed.text, parsed.lines, fn) : undefined;
    };
    entry = lookUp(parsed.parser, key, text, file, fn.name, macros, read, fn.range.start);
    used.entries.set(key, entry);
    used.bytes += entry.bytes;
    // The cache must outlive this model's analysis with all of it, or the next keystroke's model misses.
    capacityBytes = Math.min(MAX_CACHE_BYTES, Math.max(capacityBytes, 2 * used.bytes));
  }
  if (entry.expansion && !registerBody(crate, file, fn.range.start, entry.expansion, macros?.anchors ?? new Map())) {
    // Another expanded function starts on this line and has its line space: this one is read as written.
    return bodyOf(crate, fn, file, false);
  }
  return placed(entry, fn.range.start);
}

/** Facts of a function given by its text alone (a `static`'s initializer wrapped as a function), placed at `start`. */
export function factsFor(parser: Parser, functionText: string, start: Position, file = '', name = 'an initializer'): BodyFacts {
  return placed(lookUp(parser, functionText, functionText, file, name, undefined), start);
}

function lookUp(parser: Parser, key: string, functionText: string, file: string, name: string, macros: BodyMacros | undefined, readFromTree?: () => PreReadBody | undefined, at?: Position): Entry {
  let entry = cache.get(key);
  if (entry) {
    // Refresh its place in the eviction order, under its own key: `key` is a slice of the file's text, and as a
    // map key it would keep that whole revision of the file alive (one text per keystroke).
    cache.delete(key);
    cache.set(entry.key, entry);
    return entry;
  }
  const preRead = at && readFromTree?.();
  if (at && preRead) {
    // Facts read from the file's tree, already in the file's positions; `preRead.text` is a copy of its own.
    bodyStats.parses++;
    entry = { key: preRead.text, facts: preRead.facts, at: { line: at.line, character: at.character }, bytes: preRead.text.length + preRead.bytes };
  } else if (macros) {
    bodyStats.parses++;
    const { ownKey, own, origin } = ownKeyOf(key, functionText);
    const read = expandedFacts(parser, own, macros.resolve, file, name);
    const facts = read?.facts ?? UNREADABLE;
    entry = { key: ownKey, facts, at: origin, ...(read?.expansion ? { expansion: read.expansion } : {}), bytes: ownKey.length + (read?.expansion?.text.length ?? 0) + factsBytes(facts) };
  } else {
    const { ownKey, own, origin } = ownKeyOf(key, functionText);
    const { facts, bytes } = parseFunction(parser, own, file, name);
    entry = { key: ownKey, facts, at: origin, bytes: ownKey.length + bytes };
  }
  cache.set(entry.key, entry);
  cacheBytes += entry.bytes;
  // The oldest entries go first (a Map keeps insertion order).
  for (const [oldest, old] of cache) {
    if (cacheBytes <= capacityBytes || oldest === entry.key) break;
    cache.delete(oldest);
    cacheBytes -= old.bytes;
  }
  return entry;
}

/** The key and the parse (whose node texts are slices of its input) get a copy of their own (see ownCopy). */
function ownKeyOf(key: string, functionText: string): { ownKey: string; own: string; origin: Position } {
  const ownKey = ownCopy(key);
  return { ownKey, own: key === functionText ? ownKey : ownKey.slice(0, functionText.length), origin: { line: 0, character: 0 } };
}

function placed(entry: Entry, start: Position): BodyFacts {
  if (entry.expansion) {
    if (entry.placedExpanded?.line !== start.line || entry.placedExpanded.character !== start.character) {
      entry.placedExpanded = { line: start.line, character: start.character, facts: placeExpanded(entry.facts, start) };
    }
    return entry.placedExpanded.facts;
  }
  if (entry.at.line !== start.line || entry.at.character !== start.character) {
    entry.facts = moved(entry.facts, entry.at, { line: start.line, character: start.character });
    entry.at = { line: start.line, character: start.character };
  }
  return entry.facts;
}

/** Facts of a body that could not be read: "may be incomplete", so the rules that follow values skip it. */
const UNREADABLE: BodyFacts = Object.freeze({ ...emptyFacts(), hasErrors: true });

/** The facts of a function's own text, and their estimated bytes. */
function parseFunction(parser: Parser, functionText: string, file: string, name: string): { facts: BodyFacts; bytes: number } {
  bodyStats.parses++;
  const tree = parseWithBudget(parser, functionText);
  if (!tree) return { facts: UNREADABLE, bytes: 0 };
  try {
    const node = tree.rootNode.namedChildren.find((c) => c?.type === 'function_item');
    if (!node) return { facts: EMPTY_FACTS, bytes: 0 };
    const source = new BodySource(functionText, 0, lineIndexOf(functionText));
    return { facts: extractBodyFactsFrom(node, source), bytes: source.bytes };
  } catch (error) {
    // One body the walker cannot read costs only the facts of that function.
    recordInternalError(file, `the body of \`${name}\``, error);
    return { facts: UNREADABLE, bytes: 0 };
  } finally {
    tree.delete();
  }
}

/**
 * A copy of facts placed at `from` placed at `to` instead: a position on the function's first line moves its
 * character with the start, the others only their line. Objects the facts share (an expression read by
 * several facts) stay shared in the copy, as in the facts read from the text.
 */
function moved(facts: BodyFacts, from: Position, to: Position): BodyFacts {
  // Records and arrays are copied once each (shared ones stay shared); positions, the most numerous objects and
  // never compared by identity, are made anew without the bookkeeping.
  const copies = new Map<object, unknown>();
  const move = (value: unknown): unknown => {
    if (value === null || typeof value !== 'object') return value;
    const record = value as Record<string, unknown>;
    if (typeof record.line === 'number' && typeof record.character === 'number' && Object.keys(record).length === 2) {
      const line = record.line - from.line;
      return { line: line + to.line, character: line === 0 ? record.character - from.character + to.character : record.character };
    }
    const done = copies.get(value);
    if (done !== undefined) return done;
    if (Array.isArray(value)) {
      const list: unknown[] = new Array<unknown>(value.length);
      copies.set(value, list);
      for (let i = 0; i < value.length; i++) list[i] = move(value[i]);
      return list;
    }
    const copy: Record<string, unknown> = {};
    copies.set(value, copy);
    for (const key in record) copy[key] = move(record[key]);
    return copy;
  };
  return move(facts) as BodyFacts;
}

/**
 * A rough size of facts in bytes (those read from an expanded text; the others are counted as they are read,
 * see BodySource): V8's object and array headers, their slots, and the copied strings.
 * Positions (most of the objects) are counted where they are met, without the sharing set: only ranges and
 * expressions are shared between facts, and a position is reached through its range.
 */
function factsBytes(facts: BodyFacts): number {
  const seen = new Set<object>();
  const stack: unknown[] = [facts];
  let bytes = 0;
  while (stack.length > 0) {
    const value = stack.pop();
    if (typeof value === 'string') {
      bytes += value.length < VIEW_MIN_LENGTH ? 16 + value.length : 20;
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (Array.isArray(value)) {
      if (seen.has(value)) continue;
      seen.add(value);
      bytes += 24 + 8 * value.length;
      for (const child of value as unknown[]) stack.push(child);
      continue;
    }
    const record = value as Record<string, unknown>;
    if (typeof record.line === 'number' && typeof record.character === 'number') {
      bytes += 24 + 16;
      continue;
    }
    if (seen.has(value)) continue;
    seen.add(value);
    bytes += 24;
    for (const key in record) {
      bytes += 8;
      stack.push(record[key]);
    }
  }
  return bytes;
}

/**
 * The analysis of `crate` (and its dependencies) is over: its model no longer holds the facts it used, so a
 * model kept afterwards (the interface and Plugins views keep one per crate) does not keep every crate's facts
 * alive past the cache's budget. Asked again, a body is looked up (or read) anew.
 */
export function releaseBodyFacts(crate: CrateModel, seen = new Set<CrateModel>()): void {
  if (seen.has(crate)) return;
  seen.add(crate);
  usedByCrate.delete(crate);
  for (const file of crate.files.values()) file.bodies?.clear();
  for (const dependency of crate.dependencies.values()) releaseBodyFacts(dependency, seen);
}

/** Empties the cache, so a benchmark measures cold parses instead of what an earlier run left behind. */
export function clearBodyCache(): void {
  cache.clear();
  cacheBytes = 0;
  capacityBytes = MIN_CACHE_BYTES;
}

/** The cache's size and capacity in estimated bytes (text and facts), for the benchmark. */
export function bodyCacheSize(): { entries: number; bytes: number; capacityBytes: number } {
  return { entries: cache.size, bytes: cacheBytes, capacityBytes };
}

/** Counts parses, so tests and the benchmark can check that unchanged functions are not re-analysed. */
export const bodyStats = { parses: 0 };
