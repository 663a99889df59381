import type { Fix } from '../engine/types';
import type { LineIndex } from '../parsing/lineIndex';
import type { FunctionItem } from '../syntax/items';
import { errorValueFor } from './catchUnwind';

/**
 * "Add a null check": `if ptr.is_null() { return; }` as the first statement of a destructor, so a null from
 * the host (as C's `free(NULL)` allows) never reaches the reclaim. A function that returns a value returns the
 * same error value the `catch_unwind` fix would choose; undefined when there is none for its return type.
 */
export function nullCheckFix(fn: FunctionItem, param: string, file: string, lines: LineIndex): Fix | undefined {
  if (!fn.bodyRange) return undefined;
  const value = errorValueFor(fn.returnType);
  if (value === undefined) return undefined;
  const eol = lines.text.includes('\r\n') ? '\r\n' : '\n';
  const indent = `${/^\s*/.exec(lines.lineText(fn.range.start.line))?.[0] ?? ''}    `;
  const returned = value === '()' ? 'return;' : `return ${value};`;
  const at = { line: fn.bodyRange.start.line, character: fn.bodyRange.start.character + 1 };
  const newText = `${eol}${indent}if ${param}.is_null() {${eol}${indent}    ${returned}${eol}${indent}}`;
  return { title: 'Add a null check', isPreferred: true, edits: [{ file, range: { start: at, end: at }, newText }] };
}
