// Hover and Go to Definition on a component guest's method (`impl Guest for …`, `impl exports::…::Guest for …`):
// the WIT declaration it implements — its text with its doc comments and gates, where it is, and the Rust
// signature wit-bindgen generates for it — and a jump to the function's name in its `.wit` file.
import * as path from 'node:path';
import type { Hover, Location } from 'vscode-languageserver/node';
import type { CrateModel } from '../crate/crateModel';
import { rangeContains, type Position } from '../engine/types';
import { typeNamer, signatureText } from '../fixes/witSignatureText';
import { LineIndex } from '../parsing/lineIndex';
import { guestExports, witFunctionAt, type WitFunction } from '../wit/guestExports';
import { pathToUri } from './convert';

export function witGuestHover(crate: CrateModel, file: string, position: Position): Hover | null {
  const exports = guestExports(crate);
  const found = exports && witFunctionAt(exports, file, (r) => rangeContains(r, { start: position, end: position }));
  if (!exports || !found) return null;
  const { fn, required } = found;
  const dir = crate.manifest?.dir ?? path.dirname(crate.rootFile);
  const inline = fn.doc.file.endsWith('<inline>.wit');
  const line = new LineIndex(fn.doc.text).positionAt(fn.func.name.span.start).line + 1;
  const where = inline ? 'the inline WIT of `generate!`' : `${path.relative(dir, fn.doc.file).split(path.sep).join('/')}:${line}`;
  const rust = signatureText(fn, typeNamer(exports, required, found.impl.module));
  const value = [`\`${fn.rustName}\` implements \`${fn.func.name.text}\` of ${required.what} (${where}):`, '', '```wit', declarationText(fn), '```'];
  if (rust) value.push('', 'wit-bindgen generates:', '', '```rust', rust, '```');
  return { contents: { kind: 'markdown', value: value.join('\n') }, range: found.nameRange };
}

export function witGuestDefinition(crate: CrateModel, file: string, position: Position): Location[] | null {
  const exports = guestExports(crate);
  const found = exports && witFunctionAt(exports, file, (r) => rangeContains(r, { start: position, end: position }));
  if (!found || found.fn.doc.file.endsWith('<inline>.wit')) return null;
  const lines = new LineIndex(found.fn.doc.text);
  const { span } = found.fn.func.name;
  return [{ uri: pathToUri(found.fn.doc.file), range: { start: lines.positionAt(span.start), end: lines.positionAt(span.end) } }];
}

/** The declaration's lines as written, from its doc comments and gates to its `;`, indentation removed. */
export function declarationText(fn: WitFunction): string {
  const text = fn.doc.text;
  const lineStart = (offset: number) => text.lastIndexOf('\n', offset - 1) + 1;
  let start = lineStart(fn.func.name.span.start);
  let end = fn.func.span.end;
  if (text[end] === ';') end++;
  // Doc comments (`///`, `/** … */`) and gates on the lines just above.
  for (let guard = 0; start > 0 && guard < 200; guard++) {
    const previous = lineStart(start - 1);
    const content = text.slice(previous, start).trim();
    if (!(content.startsWith('///') || content.startsWith('@') || content.startsWith('/**') || content.startsWith('*'))) break;
    start = previous;
  }
  const lines = text.slice(start, end).split(/\r?\n/);
  const indent = Math.min(...lines.filter((l) => l.trim() !== '').map((l) => /^[ \t]*/.exec(l)![0].length));
  return lines.map((l) => l.slice(indent)).join('\n');
}
