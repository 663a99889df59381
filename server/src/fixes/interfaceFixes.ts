// Fixes for declared-interface rules: retype a parameter/return to the declared C meaning, add a missing export.
import type { CrateModel } from '../crate/crateModel';
import type { Fix, Range } from '../engine/types';
import type { DeclaredFunction, DeclaredInterface } from '../interface/model';
import { shortLocation } from '../interface/model';
import { neutralValue, rustSpelling, type SpellingContext } from '../interface/rustSpelling';

/** "Change to `c_int` to match `plugin.h:12`". */
export function changeTypeFix(file: string, range: Range, spelling: string, declaration: DeclaredFunction): Fix {
  const shown = spelling.replace(/\bcore::ffi::/g, '');
  return { title: `Change to \`${shown}\` to match \`${shortLocation(declaration.origin)}\``, isPreferred: true, edits: [{ file, range, newText: spelling }] };
}

/**
 * "Add `plugin_shutdown` stub": an exported `extern "C"` function typed from the declaration, attributed for the
 * crate's edition, returning a neutral value. Undefined when a type has no Rust spelling or no neutral value.
 */
export function addStubFix(crate: CrateModel, declared: DeclaredInterface, declaration: DeclaredFunction): Fix | undefined {
  const root = crate.files.get(crate.root.file);
  if (!root || declaration.variadic) return undefined;
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
  const attribute = crate.edition === '2024' ? '#[unsafe(no_mangle)]' : '#[no_mangle]';
  const signature = `pub extern "C" fn ${declaration.name}(${params.join(', ')})${returnSpelling === '()' ? '' : ` -> ${returnSpelling}`}`;
  const body = value === '' ? '{}' : `{\n    ${value}\n}`;
  const end = root.lines.positionAt(root.text.length);
  const separator = root.text.length === 0 || root.text.endsWith('\n\n') ? '' : root.text.endsWith('\n') ? '\n' : '\n\n';
  const text = `${separator}/// Declared at \`${shortLocation(declaration.origin)}\`.\n${attribute}\n${signature} ${body}\n`;
  return { title: `Add \`${declaration.name}\` stub`, isPreferred: true, edits: [{ file: root.path, range: { start: end, end }, newText: text }] };
}
