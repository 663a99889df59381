import type { Parser } from 'web-tree-sitter';
import type { CrateModel } from '../crate/crateModel';
import type { Position } from '../engine/types';
import type { FunctionItem } from '../syntax/items';
import { EMPTY_FACTS, type BodyFacts } from './facts';
import { extractBodyFacts } from './extract';

/** Enough for every function of a large crate; the oldest entries go first (Map keeps insertion order). */
const MAX_ENTRIES = 4000;

interface Entry {
  /** Facts with positions relative to the function's own text. */
  relative: BodyFacts;
  /** The last placement asked for, so repeated analyses of an unchanged file do not shift again. */
  placed: { line: number; character: number; facts: BodyFacts } | undefined;
}

/** Function text → facts. Shared by all crates: the same text always gives the same relative facts. */
const cache = new Map<string, Entry>();

/**
 * The facts of a function's body, in real positions of `crate`'s file. Parsed on first request and cached by
 * the function's text, so an edit re-analyses only the function it touched. A function without a body (or
 * whose file is not in the crate) has empty facts.
 */
export function bodyOf(crate: CrateModel, fn: FunctionItem, file: string): BodyFacts {
  if (!fn.hasBody) return EMPTY_FACTS;
  const parsed = crate.files.get(file);
  if (!parsed) return EMPTY_FACTS;
  return factsFor(parsed.parser, parsed.text.slice(fn.startOffset, fn.endOffset), fn.range.start);
}

export function factsFor(parser: Parser, functionText: string, start: Position): BodyFacts {
  let entry = cache.get(functionText);
  if (entry) {
    // Refresh its place in the eviction order.
    cache.delete(functionText);
    cache.set(functionText, entry);
  } else {
    entry = { relative: parseFunction(parser, functionText), placed: undefined };
    cache.set(functionText, entry);
    if (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value as string);
  }
  if (entry.placed?.line !== start.line || entry.placed.character !== start.character) {
    entry.placed = { line: start.line, character: start.character, facts: place(entry.relative, start) };
  }
  return entry.placed.facts;
}

function parseFunction(parser: Parser, functionText: string): BodyFacts {
  bodyStats.parses++;
  const tree = parser.parse(functionText);
  if (!tree) return EMPTY_FACTS;
  try {
    const node = tree.rootNode.namedChildren.find((c) => c?.type === 'function_item');
    return node ? extractBodyFacts(node, functionText) : EMPTY_FACTS;
  } finally {
    tree.delete();
  }
}

/** A copy of relative facts moved to where the function starts in its file (line 0 shifts columns too). */
function place(facts: BodyFacts, start: Position): BodyFacts {
  if (start.line === 0 && start.character === 0) return facts;
  return shift(facts, start) as BodyFacts;
}

function shift(value: unknown, start: Position): unknown {
  if (Array.isArray(value)) return value.map((v) => shift(v, start));
  if (value === null || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  if (typeof record.line === 'number' && typeof record.character === 'number' && Object.keys(record).length === 2) {
    const line = record.line;
    return { line: line + start.line, character: line === 0 ? record.character + start.character : record.character };
  }
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(record)) out[key] = shift(record[key], start);
  return out;
}

/** Empties the cache, so a benchmark measures cold parses instead of what an earlier run left behind. */
export function clearBodyCache(): void {
  cache.clear();
}

/** Counts parses, so tests and the benchmark can check that unchanged functions are not re-analysed. */
export const bodyStats = { parses: 0 };
