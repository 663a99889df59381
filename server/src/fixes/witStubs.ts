// "Implement missing world exports" for wit-missing-implementation: stubs with the signatures wit-bindgen
// generates and a `todo!()` body, added to the impl that lacks them, or a new `impl … Guest for …` block (after the
// `generate!` module's last item) when the trait has none. Not offered when a type cannot be spelled (resources,
// streams) or a new block would need `type R = …;` for the interface's resources.
import type { CrateModel, Module } from '../crate/crateModel';
import type { Fix, TextEdit } from '../engine/types';
import type { GuestExports, GuestImpl, RequiredTrait, WitFunction } from '../wit/guestExports';
import { signatureText, typeNamer } from './witSignatureText';

const TITLE = 'Implement missing world exports';

function stubs(functions: readonly WitFunction[], exports: GuestExports, required: RequiredTrait, module: Module, indent: string, eol: string): string | undefined {
  const named = typeNamer(exports, required, module);
  const out: string[] = [];
  for (const fn of functions) {
    const signature = signatureText(fn, named);
    if (signature === undefined) return undefined;
    out.push(`${indent}${signature} {${eol}${indent}    todo!()${eol}${indent}}${eol}`);
  }
  return out.join('');
}

/** Adds `missing` to `impl` before its closing brace. */
export function addToImplFix(crate: CrateModel, exports: GuestExports, required: RequiredTrait, impl: GuestImpl, missing: readonly WitFunction[]): Fix | undefined {
  const file = crate.files.get(impl.module.file);
  if (!file) return undefined;
  const text = file.text;
  const close = file.lines.offsetAt(impl.item.range.end) - 1;
  if (text[close] !== '}') return undefined;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lineStart = text.lastIndexOf('\n', close - 1) + 1;
  const before = text.slice(lineStart, close);
  const implLine = text.slice(text.lastIndexOf('\n', file.lines.offsetAt(impl.item.range.start) - 1) + 1);
  const implIndent = /^[ \t]*/.exec(implLine)?.[0] ?? '';
  const body = stubs(missing, exports, required, impl.module, `${implIndent}    `, eol);
  if (body === undefined) return undefined;
  // `}` alone on its line: the stubs go on the lines before it; else they open a line of their own.
  const edit: TextEdit = /^[ \t]*$/.test(before)
    ? { file: impl.module.file, range: at(file.lines.positionAt(lineStart)), newText: body }
    : { file: impl.module.file, range: at(file.lines.positionAt(close)), newText: `${eol}${body}${implIndent}` };
  return { title: TITLE, isPreferred: true, edits: [edit] };
}

/** A new impl block of `required` for the type the crate exports, at the end of the `generate!` module's file. */
export function newImplFix(crate: CrateModel, exports: GuestExports, required: RequiredTrait): Fix | undefined {
  const module = exports.generateModule;
  if (!module || required.hasResources) return undefined;
  const file = crate.files.get(module.file);
  const selfType = exportedType(crate, exports);
  if (!file || !selfType) return undefined;
  const text = file.text;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const body = stubs(required.functions, exports, required, module, '    ', eol);
  if (body === undefined) return undefined;
  const lead = text.length === 0 || text.endsWith('\n') ? '' : eol;
  const block = `${lead}${eol}impl ${required.trait.join('::')} for ${selfType} {${eol}${body}}${eol}`;
  return { title: TITLE, isPreferred: true, edits: [{ file: module.file, range: at(file.lines.positionAt(text.length)), newText: block }] };
}

/** The type named in `export!(T)`, else the self type of an impl of another of the world's traits. */
function exportedType(crate: CrateModel, exports: GuestExports): string | undefined {
  for (const parsed of crate.files.values()) {
    const named = /\bexport!\s*\(\s*([A-Za-z_][\w:]*)/.exec(parsed.text)?.[1];
    if (named) return named;
  }
  return exports.impls.find((i) => i.item.trait && /(^|::)Guest$/.test(i.item.trait.trim()))?.item.selfType?.text;
}

function at(position: { line: number; character: number }) {
  return { start: position, end: position };
}
