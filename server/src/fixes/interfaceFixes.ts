// Fixes for declared-interface rules: retype a signature to the declared C meaning (or make a pointer the
// host may pass as NULL an `Option`), add a missing export.
import type { CrateModel, Module } from '../crate/crateModel';
import type { Fix, TextEdit } from '../engine/types';
import type { DeclaredFunction, DeclaredInterface, DeclaredStatic } from '../interface/model';
import { shortLocation } from '../interface/model';
import { neutralValue, rustSpelling, type SpellingContext } from '../interface/rustSpelling';
import { rustSignature } from '../interface/rustSide';
import type { SignatureDifference } from '../interface/signatures';
import type { FunctionItem } from '../syntax/items';
import type { TypeRef } from '../syntax/typeRef';

const shown = (spelling: string) => spelling.replace(/\bcore::ffi::/g, '');

/**
 * The fix for one `signature-mismatch`: "Change to `c_int` to match `plugin.h:12`". A wrong type is retyped
 * together with the other wrongly typed positions of the same function (`f32 → c_double` on a parameter alone
 * leaves a body returning `f64` from an `f32` function), and with the same positions of the plugin's own copy
 * of a vtable struct, so the result compiles. A NULL-able declaration implemented by a reference becomes
 * `Option<…>` with an early return, since a raw pointer would not compile in a body that uses the reference.
 */
export function signatureFix(crate: CrateModel, own: SignatureDifference, all: readonly SignatureDifference[], declared: DeclaredInterface): Fix | undefined {
  if (own.difference.nullable) return optionFix(crate, own);
  const rustAbi = own.declaration.rustAbi;
  if (rustAbi) {
    // The host's `fn` type lacks `extern "C"`: the fix is in the host file.
    return rustAbi.insertAt ? { title: 'Add `extern "C"` to the host\'s function type', isPreferred: true, edits: [{ file: rustAbi.file, range: { start: rustAbi.insertAt, end: rustAbi.insertAt }, newText: 'extern "C" ' }] } : undefined;
  }
  const { implementation, declaration } = own;
  const context: SpellingContext = { crate, module: implementation.module, declared };
  const positions = [own, ...all.filter((d) => d !== own && d.implementation.item === implementation.item && d.declaration === declaration && d.difference.severity === 'error' && !d.difference.nullable)];
  const edits: TextEdit[] = [];
  const spellings: string[] = [];
  for (const difference of positions) {
    const { rustType, expected, position } = difference;
    const spelling = rustType && expected ? rustSpelling(expected, context) : undefined;
    if (!rustType || spelling === undefined || spelling === rustType.text || position === undefined) {
      if (difference === own) return undefined;
      continue;
    }
    edits.push({ file: implementation.module.file, range: rustType.range, newText: spelling });
    if (!spellings.includes(shown(spelling))) spellings.push(shown(spelling));
    const copy = vtableCopyType(crate, difference, position);
    if (copy?.type.text === rustType.text) edits.push({ file: copy.module.file, range: copy.type.range, newText: spelling });
  }
  return { title: `Change to ${spellings.map((s) => `\`${s}\``).join(', ')} to match \`${shortLocation(declaration.origin)}\``, isPreferred: true, edits };
}

/** The same position in the plugin's own copy of the vtable struct whose field `difference` is about. */
function vtableCopyType(crate: CrateModel, difference: SignatureDifference, position: number | 'return'): { type: TypeRef; module: Module } | undefined {
  const vtable = difference.declaredIn?.vtables?.find((v) => difference.declaration.name.startsWith(`${v.name}.`));
  if (!vtable) return undefined;
  const fieldName = difference.declaration.name.slice(vtable.name.length + 1);
  for (const module of crate.modules) {
    for (const item of module.syntax.items) {
      if (item.kind !== 'struct' || item.name !== vtable.name) continue;
      const field = item.fields.find((f) => f.name === fieldName)?.type;
      if (field?.kind !== 'fnPointer') return undefined;
      const type = position === 'return' ? field.returnType : field.params[position];
      return type ? { type, module } : undefined;
    }
  }
  return undefined;
}

/** `out: &mut Stats` → `out: Option<&mut Stats>` and `let Some(out) = out else { return; };` first in the body. */
function optionFix(crate: CrateModel, own: SignatureDifference): Fix | undefined {
  const { rustType, position, implementation } = own;
  const fn = implementation.item;
  const file = crate.files.get(implementation.module.file);
  if (!rustType || typeof position !== 'number' || fn.kind !== 'function' || !fn.bodyRange || !file) return undefined;
  const option = `Option<${rustType.text}>`;
  const edits: TextEdit[] = [{ file: file.path, range: rustType.range, newText: option }];
  const binding = /(?:^|[(,\s])((?:mut\s+)?)([A-Za-z_]\w*)\s*:\s*$/.exec(file.text.slice(fn.startOffset, file.lines.offsetAt(rustType.range.start)));
  if (!binding) return undefined;
  if (binding[2] !== '_') {
    const returned = earlyReturn(fn, implementation.module);
    if (returned === undefined) return undefined;
    const indent = /^\s*/.exec(file.lines.lineText(fn.range.start.line))?.[0] ?? '';
    const name = binding[2];
    const at = file.lines.positionAt(file.lines.offsetAt(fn.bodyRange.start) + 1);
    edits.push({ file: file.path, range: { start: at, end: at }, newText: `\n${indent}    let Some(${binding[1]}${name}) = ${name} else { ${returned} };` });
  }
  return { title: `Change to \`${option}\` to match \`${shortLocation(own.declaration.origin)}\` (NULL becomes \`None\`)`, isPreferred: true, edits };
}

/** `return;` or `return <neutral value of the function's return type>;`; undefined when the type has none. */
function earlyReturn(fn: FunctionItem, module: Module): string | undefined {
  if (fn.returnType?.kind === 'never') return undefined;
  const value = neutralValue(rustSignature(fn, module, { records: new Map() }).returnType);
  return value === undefined ? undefined : value === '' ? 'return;' : `return ${value};`;
}

/**
 * "Add `plugin_shutdown` stub": an exported `extern "C"` function typed from the declaration, attributed for the
 * crate's edition, returning a neutral value. Undefined when a type has no Rust spelling or no neutral value.
 */
export function addStubFix(crate: CrateModel, declared: DeclaredInterface, declaration: DeclaredFunction): Fix | undefined {
  if (declaration.variadic) return undefined;
  const context: SpellingContext = { crate, module: crate.root, declared };
  const params: string[] = [];
  for (const [index, param] of declaration.params.entries()) {
    const spelling = rustSpelling(param.type, context);
    if (!spelling) return undefined;
    params.push(`_${param.name ?? `arg${index}`}: ${spelling}`);
  }
  const returnSpelling = rustSpelling(declaration.returnType, context);
  const value = neutralValue(declaration.returnType);
  if (returnSpelling === undefined || value === undefined) return undefined;
  const signature = `pub extern "C" fn ${declaration.name}(${params.join(', ')})${returnSpelling === '()' ? '' : ` -> ${returnSpelling}`}`;
  const body = value === '' ? '{}' : `{\n    ${value}\n}`;
  return appendToRoot(crate, `Add \`${declaration.name}\` stub`, `/// Declared at \`${shortLocation(declaration.origin)}\`.\n${noMangle(crate)}\n${signature} ${body}\n`);
}

/**
 * "Add `PLUGIN_ABI_VERSION` static": a missing data symbol of a number or boolean type (a pointer in a `static`
 * is not `Sync`, a record has no neutral value), holding zero.
 */
export function addStaticStubFix(crate: CrateModel, declared: DeclaredInterface, data: DeclaredStatic): Fix | undefined {
  if (data.type.kind !== 'int' && data.type.kind !== 'float' && data.type.kind !== 'bool') return undefined;
  const spelling = rustSpelling(data.type, { crate, module: crate.root, declared });
  const value = neutralValue(data.type);
  if (spelling === undefined || value === undefined) return undefined;
  const allow = data.name === data.name.toUpperCase() ? '' : '#[allow(non_upper_case_globals)]\n';
  return appendToRoot(crate, `Add \`${data.name}\` static`, `/// Declared at \`${shortLocation(data.origin)}\`.\n${noMangle(crate)}\n${allow}pub static ${data.name}: ${spelling} = ${value};\n`);
}

function noMangle(crate: CrateModel): string {
  return crate.edition === '2024' ? '#[unsafe(no_mangle)]' : '#[no_mangle]';
}

function appendToRoot(crate: CrateModel, title: string, text: string): Fix | undefined {
  const root = crate.files.get(crate.root.file);
  if (!root) return undefined;
  const end = root.lines.positionAt(root.text.length);
  const separator = root.text.length === 0 || root.text.endsWith('\n\n') ? '' : root.text.endsWith('\n') ? '\n' : '\n\n';
  return { title, isPreferred: true, edits: [{ file: root.path, range: { start: end, end }, newText: separator + text }] };
}
