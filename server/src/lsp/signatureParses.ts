// Whether an export's signature parses: a code lens drawn inside a signature that is still being typed jumps
// around and covers what is typed, so lenses go only on items whose signature has no ERROR or MISSING node.
import type { ParsedFile } from '../crate/fileStore';
import type { Range } from '../engine/types';
import { parseWithBudget } from '../parsing/treeSitter';

/** The part of an item the lens belongs to: its `range`, and for a function the body that ends the signature. */
export interface SignatureSpan {
  range: Range;
  bodyRange?: Range;
}

/** Parses the signature alone (text up to the body, plus `{}`), so a body under edit does not count. */
export function signatureParses(file: ParsedFile, item: SignatureSpan): boolean {
  const start = file.lines.offsetAt(item.range.start);
  const end = file.lines.offsetAt(item.bodyRange?.start ?? item.range.end);
  const tree = parseWithBudget(file.parser, file.text.slice(start, end) + (item.bodyRange ? '{}' : ''));
  if (!tree) return false;
  try {
    return !tree.rootNode.hasError;
  } finally {
    tree.delete();
  }
}
