// Hover and Go to Definition on a component guest's method (`impl Guest for …`, `impl exports::…::Guest for …`):
// the WIT declaration it implements — its text with its doc comments and gates, where it is, and the Rust
// signature wit-bindgen generates for it — and a jump to the function's name in its `.wit` file. A guest that
// writes its canonical-ABI exports by hand gets the same on each `#[export_name = "ns:pkg/iface@v#fn"]` function.
import * as path from 'node:path';
import type { Hover, Location } from 'vscode-languageserver/node';
import type { CrateModel } from '../crate/crateModel';
import { rangeContains, type Position, type Range } from '../engine/types';
import { typeNamer, signatureText } from '../fixes/witSignatureText';
import { LineIndex } from '../parsing/lineIndex';
import { crateExports } from '../boundary/crateExports';
import type { Func } from '../wit/ast';
import { canonicalWorld, type CanonicalFunction } from '../wit/canonicalExports';
import { guestExports, witFunctionAt } from '../wit/guestExports';
import type { WitDocument } from '../wit/packages';
import { pathToUri } from './convert';

export function witGuestHover(crate: CrateModel, file: string, position: Position): Hover | null {
  const exports = guestExports(crate);
  if (!exports) return canonicalHover(crate, file, position);
  const found = witFunctionAt(exports, file, (r) => rangeContains(r, { start: position, end: position }));
  if (!found) return null;
  const { fn, required } = found;
  const where = whereDeclared(crate, fn);
  const rust = signatureText(fn, typeNamer(exports, required, found.impl.module));
  const value = [`\`${fn.rustName}\` implements \`${fn.func.name.text}\` of ${required.what} (${where}):`, '', '```wit', declarationText(fn), '```'];
  if (rust) value.push('', 'wit-bindgen generates:', '', '```rust', rust, '```');
  return { contents: { kind: 'markdown', value: value.join('\n') }, range: found.nameRange };
}

export function witGuestDefinition(crate: CrateModel, file: string, position: Position): Location[] | null {
  const exports = guestExports(crate);
  const fn = exports ? witFunctionAt(exports, file, (r) => rangeContains(r, { start: position, end: position }))?.fn : canonicalAt(crate, file, position)?.fn;
  if (!fn || fn.doc.file.endsWith('<inline>.wit')) return null;
  const lines = new LineIndex(fn.doc.text);
  const { span } = fn.func.name;
  return [{ uri: pathToUri(fn.doc.file), range: { start: lines.positionAt(span.start), end: lines.positionAt(span.end) } }];
}

/** `wit/greeter.wit:5`, or the inline world's place. */
function whereDeclared(crate: CrateModel, fn: Declared): string {
  if (fn.doc.file.endsWith('<inline>.wit')) return 'the inline WIT of `generate!`';
  const dir = crate.manifest?.dir ?? path.dirname(crate.rootFile);
  const line = new LineIndex(fn.doc.text).positionAt(fn.func.name.span.start).line + 1;
  return `${path.relative(dir, fn.doc.file).split(path.sep).join('/')}:${line}`;
}

/** The hand-written export (or its `cabi_post_*`) at `position` and the WIT function it is for. */
function canonicalAt(crate: CrateModel, file: string, position: Position): { fn: CanonicalFunction; item: string; post: boolean; range: Range } | undefined {
  const world = canonicalWorld(crate);
  if (!world) return undefined;
  const exported = crateExports(crate).find((e) => e.file === file && rangeContains(e.range, { start: position, end: position }));
  if (!exported) return undefined;
  const post = exported.symbol.startsWith('cabi_post_');
  const name = post ? exported.symbol.slice('cabi_post_'.length) : exported.symbol;
  const fn = [...world.functions, ...world.interfaces.flatMap((i) => i.functions)].find((f) => f.name === name);
  return fn && { fn, item: exported.item, post, range: exported.range };
}

function canonicalHover(crate: CrateModel, file: string, position: Position): Hover | null {
  const found = canonicalAt(crate, file, position);
  if (!found) return null;
  const head = found.post ? `\`${found.item}\` is the post-return of \`${found.fn.name}\`, which implements` : `\`${found.item}\` is exported as \`${found.fn.name}\`, which implements`;
  const value = [`${head} \`${found.fn.func.name.text}\` (${whereDeclared(crate, found.fn)}):`, '', '```wit', declarationText(found.fn), '```'];
  return { contents: { kind: 'markdown', value: value.join('\n') }, range: found.range };
}

/** A WIT function and the file it is declared in. */
type Declared = { func: Func; doc: WitDocument };

/** The declaration's lines as written, from its doc comments and gates to its `;`, indentation removed. */
export function declarationText(fn: Declared): string {
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
