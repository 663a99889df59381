import type { Parser } from 'web-tree-sitter';
import type { Position } from '../engine/types';
import { recordInternalError } from '../engine/internalErrors';
import { expandBody, type BodyResolver, type ExpandedBody } from '../macros/bodyExpansion';
import { virtualBase } from '../macros/bodyMap';
import { extractBodyFacts } from './extract';
import { emptyFacts, type BodyFacts, type MacroFact } from './facts';

/**
 * The facts of a function whose body calls the workspace's own macros, read from the expanded text
 * (macros/bodyExpansion.ts), so the rules see what the calls do. Each expanded call also keeps its macro fact,
 * spanning its whole expansion: what `bodies/` knows of a macro by its name (a crate macro that runs its input
 * in `catch_unwind`, a check macro that returns, a macro that may move the values it is given) holds as before.
 * Positions are those of the expanded text until `placeExpanded` moves them to the function's virtual lines.
 */
export function expandedFacts(parser: Parser, text: string, resolve: BodyResolver, file: string, name: string): { facts: BodyFacts; expansion: ExpandedBody | undefined } | undefined {
  try {
    const read = expandBody(parser, text, resolve, (node, source) => extractBodyFacts(node, source));
    if (!read) return undefined;
    const { result, expansion } = read;
    if (!expansion) return { facts: result, expansion };
    const macros: MacroFact[] = [...result.macros];
    for (const block of expansion.blocks) {
      const start = expansion.lines.positionAt(block.extent.start);
      const range = { start, end: expansion.lines.positionAt(block.extent.end) };
      macros.push({ name: block.macroName, nameRange: { start, end: start }, tokens: block.tokens, range, inClosure: block.inClosure, inCatchUnwind: block.inCatchUnwind });
    }
    macros.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
    return { facts: { ...result, macros }, expansion };
  } catch (error) {
    // A body the expander cannot read is read as written; one the walker cannot read costs only its own facts.
    recordInternalError(file, `the body of \`${name}\``, error);
    try {
      const plain = expandBody(parser, text, () => undefined, (node, source) => extractBodyFacts(node, source));
      return plain && { facts: plain.result, expansion: undefined };
    } catch {
      return { facts: { ...emptyFacts(), hasErrors: true }, expansion: undefined };
    }
  }
}

/** Facts of an expanded function moved to its virtual lines (macros/bodyMap.ts): every position moves. */
export function placeExpanded(facts: BodyFacts, start: Position): BodyFacts {
  const base = virtualBase(start.line);
  return move(facts, base) as BodyFacts;
}

function move(value: unknown, base: number): unknown {
  if (Array.isArray(value)) return value.map((v) => move(v, base));
  if (value === null || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  if (typeof record.line === 'number' && typeof record.character === 'number' && Object.keys(record).length === 2) return { line: record.line + base, character: record.character };
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(record)) out[key] = move(record[key], base);
  return out;
}
