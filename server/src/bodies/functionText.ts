import type { CrateModel } from '../crate/crateModel';
import type { Position } from '../engine/types';
import { expandedSource } from '../macros/bodyMap';
import { bodyMacrosOf } from '../macros/bodyScope';
import { bodyOf } from './bodyOf';
import type { CrateFunction } from './callGraph';

/**
 * The text a function's facts were read from: its own text, or, when its body calls the workspace's own macros,
 * the expanded text (what a text check such as "is there a null check" must look at, like the facts do).
 */
export function functionText(crate: CrateModel, target: CrateFunction): string {
  const text = crate.files.get(target.file)?.text.slice(target.fn.startOffset, target.fn.endOffset) ?? '';
  if (!target.fn.hasBody || !bodyMacrosOf(crate, target.fn, text)) return text;
  bodyOf(crate, target.fn, target.file, true);
  return expandedSource(crate, target.file, target.fn.range.start)?.text ?? text;
}

/** The function's text (as its facts read it, see `functionText`) after `position`, a position of its facts. */
export function functionTextAfter(crate: CrateModel, target: CrateFunction, position: Position): string {
  const expanded = expandedSource(crate, target.file, target.fn.range.start);
  if (expanded) return expanded.text.slice(expanded.offsetOf(position));
  const parsed = crate.files.get(target.file);
  return parsed ? parsed.text.slice(parsed.lines.offsetAt(position), target.fn.endOffset) : '';
}
