import type { CrateModel } from '../crate/crateModel';
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
