import type { CrateModel } from '../crate/crateModel';
import type { Range } from '../engine/types';
import type { FunctionItem, ImplItem } from '../syntax/items';
import { exportableItems } from './exportableItems';
import { exportedSymbol } from './exportedSymbols';

/** A symbol the built library should export, and the item in the source that exports it. */
export interface CrateExport {
  symbol: string;
  kind: 'function' | 'static';
  /** The item's Rust name (differs from `symbol` under `#[export_name]`). */
  item: string;
  file: string;
  /** The item's name in the source, where a report points. */
  range: Range;
}

/**
 * The crate's exported symbols, in source order: `#[no_mangle]`/`#[export_name]` functions with a body and statics.
 * Generic functions (or methods of generic impls) and trait methods are left out: rustc exports nothing for them (the generic-export rule reports that).
 * `#[cfg(test)]` items never reach the model, so they are not listed either.
 */
export function crateExports(crate: CrateModel): CrateExport[] {
  const exports: CrateExport[] = [];
  for (const { item, module, container } of exportableItems(crate.modules)) {
    if (item.kind === 'const') continue;
    if (item.kind === 'function') {
      if (!item.hasBody || isGenericFunction(item, container) || item.context === 'trait') continue;
    }
    const symbol = exportedSymbol(item);
    if (symbol) exports.push({ symbol: symbol.name, kind: item.kind, item: item.name, file: module.file, range: item.nameRange });
    else if (item.kind === 'function' && isRootModuleExport(item)) exports.push({ symbol: ABI_STABLE_ROOT_MODULE_SYMBOL, kind: 'static', item: item.name, file: module.file, range: item.nameRange });
  }
  return exports;
}

/**
 * abi_stable's `#[export_root_module]` (a procedural macro, not expanded) documents what it writes: a
 * `#[no_mangle]` static holding the library header, under abi_stable's mangling of
 * `_as.lib_header.root module loader`. `#[sabi_extern_fn]` functions are reached through that root module,
 * never by symbol, so they export nothing by name.
 */
export const ABI_STABLE_ROOT_MODULE_SYMBOL = '_1as_0lib_1header_0root_bmodule_bloader';

function isRootModuleExport(item: FunctionItem): boolean {
  return item.attributes.some((a) => !a.inner && (a.name === 'export_root_module' || a.name.endsWith('::export_root_module')));
}

/** A generic function, or a method of a generic impl: rustc exports no symbol for it. */
export function isGenericFunction(item: FunctionItem, container: ImplItem | undefined): boolean {
  return [...item.generics, ...(container?.generics ?? [])].some((name) => name !== 'Self');
}
